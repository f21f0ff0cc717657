#!/usr/bin/env bash
# examples/dashboard/load.sh fills a database from a folder of texts: the seed articles
# go into a tracked table with dates over three different weeks, are backfilled with
# progress lines, the BI views show their speakers, and the stored actorvec answers a
# speaker: search. Run twice, it starts afresh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=build/test-cli/dashboard_load
mkdir -p "$WORK"
# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb dashboard_load
export PGDATABASE=$db

for run in 1 2; do
	bash examples/dashboard/load.sh test/fixtures/seeds >"$WORK/load.$run.out" 2>&1 ||
		{ cat "$WORK/load.$run.out"; exit 1; }
done
cat "$WORK/load.2.out"
grep -q '^load.sh: 3 texts from test/fixtures/seeds$' "$WORK/load.2.out"
grep -q '^load.sh: backfill of public.articles done: 3 rows in ' "$WORK/load.2.out"
grep -Eq '^load.sh: 3 articles, [1-9][0-9]* quotes, [1-9][0-9]* actors in ' "$WORK/load.2.out"
if grep -Ev '^load.sh: ' "$WORK/load.2.out"; then
	echo "load.sh printed more than its own lines" >&2
	exit 1
fi

got=$(psql -X -At -F ' ' -v ON_ERROR_STOP=1 <<'SQL'
SELECT count(*), count(DISTINCT date_trunc('week', published)), count(*) FILTER (WHERE title <> '' AND section = 'news'),
       (SELECT count(*) FROM whosaid.tracked WHERE relid = 'articles'::regclass),
       (SELECT count(*) > 0 FROM articles_who_said_what WHERE speaker = 'Andrew Parker'),
       (SELECT count(*) > 0 FROM articles_actor_pairs),
       (SELECT count(*) FROM whosaid.top_speakers('articles', since => '2026-01-01', top => 3)),
       (SELECT count(*) FROM articles WHERE whosaid.matches(actors, 'speaker:Parker'))
FROM articles
SQL
)
echo "articles, weeks, titled, tracked, Parker quoted, pairs, top speakers, speaker:Parker rows: $got"
[ "$got" = "3 3 3 1 t t 3 1" ]
