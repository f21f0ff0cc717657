#!/usr/bin/env bash
# test/bench_scale.sh — scale and speed of the query layer (issue 5, section 5), run by
# `make bench` (test/bench.sh) or on its own:
#
#   1. >= 100,000 articles (the BBC corpus repeated with distinct keys) with an actorvec
#      column: GIN build time, index size relative to the table, and a name query through
#      the index against a sequential scan of the stored column (same row count; >= 50x).
#   2. 10,000 articles inserted into a tracked table vs into a table with a stored generated
#      to_tsvector('english', body) column and its GIN index (ratio <= 2.5), plus the same
#      insert with a row-level trigger and the backfill rate, for comparison.
#
# The BBC corpus is research-use only: it is read from ../shared at run time and nothing
# derived from it is kept. Without ../shared the script says so and exits 0.
# Uses the cluster in PGHOST/PGPORT if set, else starts a throwaway one (test/cluster.sh).
# BENCH_ROWS (default 102,350 = 46 x 2,225), BENCH_INSERT (10,000); BENCH_STRICT=1 makes a
# missed target exit 1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
CORPUS=${WHOSAID_SHARED:-$ROOT/../shared}/corpus/bbc
ROWS=${BENCH_ROWS:-102350}
INSERT_ROWS=${BENCH_INSERT:-10000}
DB=whosaid_bench_scale
missed=0

say() { printf 'bench_scale: %s\n' "$*"; }

if [ ! -d "$CORPUS" ] || ! compgen -G "$CORPUS/*.txt" >/dev/null; then
	say "SKIP: no BBC corpus at $CORPUS (it lives in ../shared, which this machine does not have)"
	exit 0
fi

if [ -z "${PGHOST:-}" ] || ! psql -XqAt -c 'SELECT 1' >/dev/null 2>&1; then
	# shellcheck source=test/cluster.sh
	source test/cluster.sh
	cluster_start
fi

q() { psql -XqAt -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
psql -Xq -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
trap 'psql -Xq -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true' EXIT
q -c 'CREATE EXTENSION whosaid'

# The corpus into a staging table (one row per article), through CSV on stdin.
q -c 'CREATE UNLOGGED TABLE bbc (i int PRIMARY KEY, body text NOT NULL)'
python3 - "$CORPUS" <<'PY' | q -c '\copy bbc FROM stdin (FORMAT csv)'
import csv, glob, os, sys
w = csv.writer(sys.stdout)
for i, f in enumerate(sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))):
    with open(f, encoding="utf-8", errors="replace") as fh:
        w.writerow([i, fh.read().replace("\0", "")])
PY
# An article the extractor fails on would abort the set-based statements below: leave it
# out, and say so (it is an engine bug to report, not something to benchmark).
q <<'SQL'
CREATE FUNCTION extract_ok(body text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	PERFORM count(*) FROM whosaid.quotes(body);
	IF to_regproc('whosaid.actors') IS NOT NULL THEN EXECUTE 'SELECT count(*) FROM whosaid.actors($1)' USING body; END IF;
	IF to_regproc('whosaid.to_actorvec') IS NOT NULL THEN EXECUTE 'SELECT whosaid.to_actorvec($1)' USING body; END IF;
	RETURN true;
EXCEPTION WHEN others THEN
	RAISE WARNING 'extraction fails on this article: %', SQLERRM;
	RETURN false;
END $$;
CREATE TABLE bbc_failing AS SELECT i FROM bbc WHERE NOT extract_ok(body);
DELETE FROM bbc WHERE i IN (SELECT i FROM bbc_failing);
CREATE TABLE bbc2 AS SELECT row_number() OVER (ORDER BY i)::int - 1 AS i, body FROM bbc;
DROP TABLE bbc; ALTER TABLE bbc2 RENAME TO bbc; ALTER TABLE bbc ADD PRIMARY KEY (i);
SQL
failing=$(q -c 'SELECT count(*) FROM bbc_failing')
[ "$failing" = 0 ] || say "WARNING: $failing article(s) left out because whosaid fails on them (engine bug; see the warnings above)"
DOCS=$(q -c 'SELECT count(*) FROM bbc')
if [ "$DOCS" -lt 100 ]; then
	say "FAILED: whosaid fails on $failing of the articles (see the warnings above); nothing to measure"
	exit 1
fi
MB=$(q -c "SELECT round(sum(octet_length(body)) / 1e6, 2) FROM bbc")
say "corpus: $DOCS BBC articles, $MB MB"

# Timing helper: best of `reps` runs of a query returning one bigint, in ms,
# with the given planner settings; parallel query off so both plans use one core.
q <<'SQL'
CREATE FUNCTION bench(sql text, reps int, settings text[] DEFAULT '{}', OUT ms float8, OUT n bigint)
LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; s text;
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', '0', true);
	FOREACH s IN ARRAY settings LOOP
		PERFORM set_config(split_part(s, '=', 1), split_part(s, '=', 2), true);
	END LOOP;
	FOR i IN 1..reps LOOP
		t0 := clock_timestamp();
		EXECUTE sql INTO n;
		ms := least(ms, extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
END $$;
CREATE FUNCTION plan_nodes(sql text, settings text[] DEFAULT '{}') RETURNS text
LANGUAGE plpgsql AS $$
DECLARE l text; out text := ''; s text;
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', '0', true);
	FOREACH s IN ARRAY settings LOOP
		PERFORM set_config(split_part(s, '=', 1), split_part(s, '=', 2), true);
	END LOOP;
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || sql LOOP
		IF l ~ 'Scan' THEN out := out || CASE WHEN out = '' THEN '' ELSE ' / ' END
			|| trim(regexp_replace(l, '^[ ->]*|( on | using ).*$', '', 'g')); END IF;
	END LOOP;
	RETURN out;
END $$;
SQL

# ------------------------------------------------------------------ 1. index at scale
if [ "$(q -c "SELECT to_regoperator('whosaid.@@(whosaid.actorvec,whosaid.actorquery)') IS NOT NULL")" != t ]; then
	say "SKIP index at scale: whosaid.actorvec @@ whosaid.actorquery is not installed"
else
	# to_actorvec once per distinct article, then the corpus repeated with distinct keys:
	# the stored column holds the same values a generated column would.
	t0=$(date +%s.%N)
	q -c 'CREATE UNLOGGED TABLE bbc_vec AS SELECT i, body, whosaid.to_actorvec(body) AS actors FROM bbc'
	t1=$(date +%s.%N)
	say "to_actorvec over the corpus: $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s ($(echo "scale=2; $MB / ($t1 - $t0)" | bc) MB/s)"
	q <<SQL
CREATE TABLE scale (id bigint PRIMARY KEY, body text, actors whosaid.actorvec);
INSERT INTO scale SELECT g, v.body, v.actors
FROM generate_series(1, $ROWS) g JOIN bbc_vec v ON v.i = (g - 1) % $DOCS;
VACUUM ANALYZE scale;
SQL
	t0=$(date +%s.%N)
	q -c 'SET maintenance_work_mem = $$256MB$$' -c 'CREATE INDEX scale_actors ON scale USING gin (actors)'
	t1=$(date +%s.%N)
	q -c 'ANALYZE scale'
	IFS='|' read -r heap total index col < <(q -c "SELECT pg_relation_size('scale'), pg_total_relation_size('scale') - pg_indexes_size('scale'), pg_relation_size('scale_actors'), (SELECT sum(pg_column_size(actors)) FROM scale)")
	say "rows: $(q -c 'SELECT count(*) FROM scale') ($DOCS articles x $((ROWS / DOCS))+, distinct keys)"
	say "GIN build: $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s"
	say "GIN size: $((index / 1024)) kB = $(echo "scale=1; 100 * $index / $total" | bc) % of the table ($((total / 1048576)) MB with TOAST; heap $((heap / 1048576)) MB), $(echo "scale=2; $index / $col" | bc)x the actorvec column ($((col / 1024)) kB)"

	# A name in a few articles: the most specific multi-word person quoted in 2-4 of them.
	name=$(q -c "SELECT a.actor FROM bbc b, whosaid.actors(b.body) a
		WHERE a.kind = 'person' AND a.actor ~ '^[A-Za-z]+ [A-Za-z]+$'
		GROUP BY a.actor HAVING count(*) BETWEEN 2 AND 4 ORDER BY count(*), a.actor LIMIT 1")
	query="\"$name\""
	sql="SELECT count(*) FROM scale WHERE actors OPERATOR(whosaid.@@) '$(printf '%s' "$query" | sed "s/'/''/g")'::whosaid.actorquery"
	sqlq=$(printf '%s' "$sql" | sed "s/'/''/g")
	IFS='|' read -r idx_ms idx_n < <(q -c "SELECT round(ms::numeric, 2), n FROM bench('$sqlq', 5, '{enable_seqscan=off}')")
	IFS='|' read -r seq_ms seq_n < <(q -c "SELECT round(ms::numeric, 2), n FROM bench('$sqlq', 3, '{enable_bitmapscan=off,enable_indexscan=off}')")
	say "query $query, plan with the index: $(q -c "SELECT plan_nodes('$sqlq')")"
	say "query $query, plan without:        $(q -c "SELECT plan_nodes('$sqlq', '{enable_bitmapscan=off,enable_indexscan=off}')")"
	speedup=$(echo "scale=1; $seq_ms / $idx_ms" | bc)
	verdict=ok
	if [ "$idx_n" != "$seq_n" ] || [ "$(echo "$speedup < 50" | bc)" = 1 ]; then verdict=MISSED; missed=1; fi
	say "name query: index $idx_ms ms ($idx_n rows), sequential scan $seq_ms ms ($seq_n rows): ${speedup}x faster [target >= 50x, same rows] $verdict"
	q -c 'DROP TABLE scale, bbc_vec'
fi

# ------------------------------------------------------------------ 2. insert cost
if [ "$(q -c "SELECT to_regproc('whosaid.actors') IS NOT NULL AND to_regproc('whosaid.quotes') IS NOT NULL")" != t ]; then
	say "SKIP insert: whosaid.quotes() or whosaid.actors() is not installed"
else
	q <<SQL
CREATE UNLOGGED TABLE src AS SELECT g AS id, b.body FROM generate_series(1, $INSERT_ROWS) g JOIN bbc b ON b.i = (g - 1) % $DOCS;
CREATE TABLE ts_articles (id int PRIMARY KEY, body text,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED);
CREATE INDEX ON ts_articles USING gin (tsv);
CREATE TABLE tr_articles (id int PRIMARY KEY, body text);
SELECT whosaid.track('tr_articles');
-- the same derived tables kept by a row-level trigger, to compare with the statement-level one
CREATE TABLE rl_articles (id int PRIMARY KEY, body text);
CREATE TABLE rl_quotes (LIKE tr_articles_quotes INCLUDING ALL, FOREIGN KEY (id) REFERENCES rl_articles ON DELETE CASCADE);
CREATE TABLE rl_actors (LIKE tr_articles_actors INCLUDING ALL, FOREIGN KEY (id) REFERENCES rl_articles ON DELETE CASCADE);
CREATE FUNCTION rl_insert() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
	INSERT INTO rl_quotes SELECT NEW.id, x.* FROM whosaid.quotes(NEW.body) x;
	INSERT INTO rl_actors SELECT NEW.id, x.ordinality, x.actor, x.kind, x.role, x.affiliation, x.aliases,
		x.mentions, x.first_span FROM whosaid.actors(NEW.body) WITH ORDINALITY x;
	RETURN NULL;
END \$\$;
CREATE TRIGGER rl AFTER INSERT ON rl_articles FOR EACH ROW EXECUTE FUNCTION rl_insert();
CREATE TABLE bf_articles (id int PRIMARY KEY, body text);
CHECKPOINT;
SQL
	timed() { # label, sql -> seconds (0 when it failed)
		local t0 t1
		t0=$(date +%s.%N)
		if ! q -c "$2" >/dev/null; then
			echo "bench_scale: $1 failed" >&2
			echo 0
			return
		fi
		t1=$(date +%s.%N)
		echo "$t1 - $t0" | bc
	}
	ts=$(timed ts 'INSERT INTO ts_articles (id, body) SELECT id, body FROM src')
	tr=$(timed tr 'INSERT INTO tr_articles SELECT id, body FROM src')
	rl=$(timed rl 'INSERT INTO rl_articles SELECT id, body FROM src')
	q -c 'INSERT INTO bf_articles SELECT id, body FROM src' -c "SELECT whosaid.track('bf_articles')" >/dev/null 2>&1
	bf=$(timed bf "CALL whosaid.backfill('bf_articles', 1000)")
	IFS='|' read -r nq na < <(q -c 'SELECT (SELECT count(*) FROM tr_articles_quotes), (SELECT count(*) FROM tr_articles_actors)')
	ratio=$(echo "scale=2; $tr / $ts" | bc)
	verdict=ok
	if [ "$(echo "$ratio > 2.5" | bc)" = 1 ]; then verdict=MISSED; missed=1; fi
	if [ "$(echo "$tr == 0 || $ts == 0" | bc)" = 1 ]; then verdict="FAILED (an insert failed, see above)"; missed=1; fi
	say "insert $INSERT_ROWS articles, stored to_tsvector('english') + GIN: $(printf '%.2f' "$ts") s"
	say "insert $INSERT_ROWS articles, tracked (statement triggers): $(printf '%.2f' "$tr") s ($nq quotes, $na actors)"
	say "insert $INSERT_ROWS articles, tracked / tsvector ratio: $ratio [target <= 2.5] $verdict"
	say "insert $INSERT_ROWS articles, row-level trigger instead (for comparison): $(printf '%.2f' "$rl") s"
	say "backfill of $INSERT_ROWS articles (batches of 1000): $(printf '%.2f' "$bf") s, $(echo "$INSERT_ROWS / $bf" | bc) rows/s"
fi

if [ "$missed" = 1 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then exit 1; fi
exit 0
