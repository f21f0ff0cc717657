#!/usr/bin/env bash
# test/demo.sh — `make demo`: build and install whosaid, start a throwaway cluster, load
# the three seed articles and show who said what (and, once it exists, who they are).
# WHOSAID_SKIP_BUILD=1 skips deps/build/install (test/run.sh has done them already).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=test/build.sh
source test/build.sh
# shellcheck source=test/cluster.sh
source test/cluster.sh

if [ "${WHOSAID_SKIP_BUILD:-0}" != 1 ]; then
	bash test/deps.sh
	mkdir -p build
	echo "demo: building and installing whosaid (log: build/demo-build.log)"
	if ! { build_all && install_ext; } >build/demo-build.log 2>&1; then
		tail -n 60 build/demo-build.log >&2
		echo "demo: build failed" >&2
		exit 1
	fi
fi

cluster_start
echo "demo: throwaway cluster on port $PGPORT"

PSQL=(psql -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c 'CREATE EXTENSION whosaid' \
	-c 'CREATE TABLE articles (file text PRIMARY KEY, body text NOT NULL)'
python3 test/texts.py csv test/fixtures/seeds/*.txt |
	"${PSQL[@]}" -c '\copy articles FROM STDIN WITH (FORMAT csv)'

# Quotes can span paragraphs: folding white space keeps one table row per quote.
"${PSQL[@]}" <<'SQL'
\pset border 2
\pset linestyle unicode
\pset null '·'
\pset title 'Who said what in the seed articles (whosaid.quotes)'
SELECT a.file, q.n, q.kind, q.speaker, q.cue,
       regexp_replace(left(q.content, 70), '\s+', ' ', 'g') AS content
  FROM articles a, whosaid.quotes(a.body) q
 ORDER BY 1, 2;

SELECT to_regprocedure('whosaid.actors(text)') IS NOT NULL AS has_actors \gset
\if :has_actors
\pset title 'Who they are (whosaid.actors)'
SELECT a.file, x.actor, x.kind, x.role, x.affiliation,
       array_to_string(x.aliases, ', ') AS aliases, x.mentions
  FROM articles a, whosaid.actors(a.body) x
 ORDER BY 1, x.mentions DESC, 2;
\endif
SQL

cluster_stop
