#!/usr/bin/env bash
# examples/dashboard/load.sh — fill a database with articles for the dashboard.
#
#   examples/dashboard/load.sh [DIR]
#
# Reads every *.txt of DIR (default: the BBC corpus at ../shared/corpus/bbc next to
# the checkout when it is there, else the seed articles in test/fixtures/seeds) into a
# table `articles` (id, name, section, title, published, body, and `actors`, a stored
# whosaid.actorvec with a GIN index for speaker: searches) of the database the
# usual PG* variables point at, gives the articles made-up publication dates spread
# over eight weeks (the texts carry none), tracks the table with whosaid.track() (and
# whosaid.track_claims() when the installed whosaid has it) and extracts the quotes and
# actors with whosaid.backfill(), which prints a progress line every two seconds. An existing `articles` table is dropped first.
# Needs psql and python3, and the whosaid extension installed in the server.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
dir=${1:-}
if [ -z "$dir" ]; then
	if [ -d "$repo/../shared/corpus/bbc" ]; then
		dir=$(cd "$repo/../shared/corpus/bbc" && pwd)
	else
		dir=$repo/test/fixtures/seeds
	fi
fi
shopt -s nullglob
files=("$dir"/*.txt)
if [ ${#files[@]} -eq 0 ]; then
	echo "load.sh: no *.txt files in $dir" >&2
	exit 1
fi
echo "load.sh: ${#files[@]} texts from $dir"

psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }

psql <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS whosaid;
DROP TABLE IF EXISTS articles CASCADE;
CREATE TABLE articles (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name      text NOT NULL UNIQUE,
	section   text,
	title     text,
	published timestamptz,
	body      text NOT NULL,
	actors    whosaid.actorvec GENERATED ALWAYS AS (whosaid.to_actorvec(body)) STORED);
CREATE INDEX articles_actorvec_idx ON articles USING gin (actors);
SQL

# The texts go in client-side (the server need not read this directory), in one COPY.
python3 "$repo/test/texts.py" csv "${files[@]}" |
	psql -c '\copy articles (name, body) FROM STDIN WITH (FORMAT csv)'

# Section: the file name up to "_" (the BBC's business_001.txt), else "news".
# Title: the first non-empty line. Published: spread over eight weeks in name order,
# at a time of day that depends on the name, so the dates are the same on every run.
psql <<'SQL'
WITH o AS (
	SELECT id, row_number() OVER (ORDER BY name COLLATE "C") - 1 AS i, count(*) OVER () AS total
	FROM articles)
UPDATE articles a
SET section = CASE WHEN a.name ~ '^[a-z]+_' THEN split_part(a.name, '_', 1) ELSE 'news' END,
	title = left(btrim(substring(a.body FROM '^\s*([^\n]+)')), 120),
	published = timestamptz '2026-01-05 00:00 UTC'
		+ (o.i * 56 / greatest(o.total, 1)) * interval '1 day'
		+ (abs(hashtext(a.name)) % 86400) * interval '1 second'
FROM o WHERE o.id = a.id;
SQL

# (track() notices that the rows already there need a backfill: that comes next)
PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
	psql -c "SELECT FROM whosaid.track('articles', time_column => 'published')" >/dev/null
# Claims too (the dashboard's Claims page), when this whosaid has them: the backfill's
# quotes then join their claims as they go in.
PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" psql <<'SQL' >/dev/null
SELECT CASE WHEN pg_catalog.to_regprocedure('whosaid.track_claims(regclass)') IS NOT NULL
	THEN 'SELECT FROM whosaid.track_claims(''articles'')' END AS claims \gset
\if :{?claims}
:claims;
\endif
SQL
# backfill's NOTICEs are the progress line ("400/2225 rows, 18 %, ... left").
start=$(date +%s)
PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=notice" psql -c "CALL whosaid.backfill('articles')" 2>&1 |
	sed -u 's/^NOTICE:  /load.sh: /'
psql -At -F ' ' <<'SQL' | while read -r n q a; do echo "load.sh: $n articles, $q quotes, $a actors in $(($(date +%s) - start)) s"; done
SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles_quotes), (SELECT count(*) FROM articles_actors);
SQL
