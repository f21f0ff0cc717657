#!/usr/bin/env bash
# test/bench_claims.sh — the claims figures of issue 20 (section 4), run by `make bench`
# (test/bench.sh claims) or on its own:
#
#   1. CLAIMS_INSERT (10,000) BBC articles inserted in one statement into a tracked table
#      with claims (whosaid.track_claims) vs into a table with a stored generated
#      to_tsvector('english', body) column and its GIN index, in the same session; the
#      2,225 articles are repeated with variation (repetition r rotates the paragraphs by
#      r, so the articles differ and their quotes recur, as syndicated news does). Target:
#      ratio <= 2.0. The tracked insert without claims is shown for comparison.
#   2. whosaid.who_said() latency on a claims table of CLAIMS_ROWS (1,000,000) claims
#      synthesised from the corpus's quotes with variation (each variant drops one or two
#      words of a quote), its GIN index built after the load: the median and p90 of 200
#      queries (two-word fragments, trimmed quotes, paragraphs of three quotes). Target:
#      median <= 20 ms at 1 M.
#
# The BBC corpus is research-use only: it is read from ../shared at run time and nothing
# derived from it is kept. Without ../shared the script says so and exits 0.
# Uses the cluster in PGHOST/PGPORT if set, else starts a throwaway one (test/cluster.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
CORPUS=${WHOSAID_SHARED:-$ROOT/../shared}/corpus/bbc
INSERT_ROWS=${CLAIMS_INSERT:-10000}
CLAIM_ROWS=${CLAIMS_ROWS:-1000000}
DB=whosaid_bench_claims

say() { printf 'bench_claims: %s\n' "$*"; }

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
q -c 'CREATE UNLOGGED TABLE bbc (i int PRIMARY KEY, body text NOT NULL)'
python3 - "$CORPUS" <<'PY' | q -c '\copy bbc FROM stdin (FORMAT csv)'
import csv, glob, os, sys
w = csv.writer(sys.stdout)
for i, f in enumerate(sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))):
    with open(f, encoding="utf-8", errors="replace") as fh:
        w.writerow([i, fh.read().replace("\0", "")])
PY
DOCS=$(q -c 'SELECT count(*) FROM bbc')

# ------------------------------------------------------------------ 1. insert cost
q <<SQL
CREATE UNLOGGED TABLE src AS
SELECT g AS id, CASE WHEN r = 0 THEN b.body
	ELSE array_to_string(p[1 + r % cardinality(p):] || p[1:r % cardinality(p)], E'\n\n') END AS body
FROM generate_series(1, $INSERT_ROWS) g
	CROSS JOIN LATERAL (SELECT (g - 1) % $DOCS AS i, (g - 1) / $DOCS AS r) k
	JOIN bbc b ON b.i = k.i
	CROSS JOIN LATERAL (SELECT string_to_array(b.body, E'\n\n') AS p) s;
CREATE TABLE ts_articles (id int PRIMARY KEY, body text,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED);
CREATE INDEX ON ts_articles USING gin (tsv);
CREATE TABLE tr_articles (id int PRIMARY KEY, body text);
SELECT whosaid.track('tr_articles') IS NOT NULL;
CREATE TABLE cl_articles (id int PRIMARY KEY, body text);
SELECT whosaid.track('cl_articles') IS NOT NULL;
SELECT whosaid.track_claims('cl_articles');
CHECKPOINT;
SQL
# one session, so that the three inserts see the same caches and settings
IFS='|' read -r ts tr cl < <(q <<'SQL'
CREATE FUNCTION pg_temp.secs(sql text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
	EXECUTE sql;
	RETURN extract(epoch FROM clock_timestamp() - t0);
END $$;
SELECT round(pg_temp.secs('INSERT INTO ts_articles (id, body) SELECT id, body FROM src')::numeric, 2),
	   round(pg_temp.secs('INSERT INTO tr_articles SELECT id, body FROM src')::numeric, 2),
	   round(pg_temp.secs('INSERT INTO cl_articles SELECT id, body FROM src')::numeric, 2);
SQL
)
IFS='|' read -r nq nc ncl < <(q -c 'SELECT (SELECT count(*) FROM cl_articles_quotes), (SELECT count(claim) FROM cl_articles_quotes), (SELECT count(*) FROM cl_articles_claims)')
ratio=$(echo "scale=2; $cl / $ts" | bc)
verdict=ok
if [ "$(echo "$ratio > 2.0" | bc)" = 1 ]; then verdict=MISSED; fi
say "insert $INSERT_ROWS articles ($DOCS repeated, paragraphs rotated), stored to_tsvector('english') + GIN: $ts s"
say "insert $INSERT_ROWS articles, tracked without claims: $tr s ($(echo "scale=2; $tr / $ts" | bc)x)"
say "insert $INSERT_ROWS articles, tracked with claims: $cl s ($nq quotes, $nc with a claim, $ncl claims)"
say "insert $INSERT_ROWS articles, tracked with claims / tsvector ratio: $ratio [target <= 2.0] $verdict"

# ------------------------------------------------------------------ 2. who_said() latency
q <<SQL >/dev/null
CREATE UNLOGGED TABLE bq AS
SELECT row_number() OVER (ORDER BY content COLLATE "C") AS k, content, regexp_split_to_array(content, '\s+') AS w
FROM (SELECT DISTINCT content FROM cl_articles_quotes WHERE claim IS NOT NULL) d;
DROP INDEX cl_articles_claims_cv_idx;
ALTER TABLE cl_articles_claims SET UNLOGGED;
INSERT INTO cl_articles_claims (content, cv, first_id, first_seen, last_seen, articles, quotes, speaker, speakers)
SELECT v.content, whosaid.to_claimvec(v.content), 1, now(), now(), 1, 1, NULL, NULL
FROM generate_series(1, greatest($CLAIM_ROWS - (SELECT count(*) FROM cl_articles_claims), 0)) g
	JOIN bq ON bq.k = 1 + (g - 1) % (SELECT count(*) FROM bq)
	CROSS JOIN LATERAL (SELECT cardinality(bq.w) AS n, (g - 1) / (SELECT count(*) FROM bq) AS r) x
	CROSS JOIN LATERAL (SELECT array_to_string(
		(SELECT array_agg(e ORDER BY o) FROM unnest(bq.w) WITH ORDINALITY u(e, o)
		 WHERE o <> 1 + x.r % x.n AND o <> 1 + (x.r / x.n + x.r) % x.n), ' ') AS content) v
WHERE v.content IS NOT NULL;
SQL
t0=$(date +%s.%N)
q -c 'SET maintenance_work_mem = $$256MB$$' -c 'CREATE INDEX cl_articles_claims_cv_idx ON cl_articles_claims USING gin (cv)' -c 'ANALYZE cl_articles_claims'
t1=$(date +%s.%N)
IFS='|' read -r rows idx < <(q -c "SELECT count(*), pg_size_pretty(pg_relation_size('cl_articles_claims_cv_idx')) FROM cl_articles_claims")
say "claims table: $rows claims (synthesised variants of the corpus's quotes), GIN build $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s, index $idx"
q <<'SQL' | while IFS='|' read -r kind n med p90; do say "who_said() on $rows claims, $kind: median $med ms, p90 $p90 ms ($n queries)"; done
CREATE TEMP TABLE queries AS
SELECT 'two-word fragment' AS kind, array_to_string(w[1 + cardinality(w) / 2 : 2 + cardinality(w) / 2], ' ') AS words
FROM bq WHERE cardinality(w) >= 8 AND k % 97 = 0 LIMIT 70;
INSERT INTO queries
SELECT 'trimmed quote', array_to_string(w[1 + cardinality(w) / 5 : cardinality(w) - cardinality(w) / 5], ' ')
FROM bq WHERE cardinality(w) >= 10 AND k % 89 = 0 LIMIT 70;
INSERT INTO queries
SELECT 'paragraph of three quotes', string_agg(content, ' ' ORDER BY k)
FROM bq WHERE k % 83 < 3 GROUP BY k / 83 LIMIT 60;
CREATE TEMP TABLE lat (kind text, ms float8);
DO $$
DECLARE r record; t0 timestamptz;
BEGIN
	FOR r IN SELECT * FROM queries LOOP
		t0 := clock_timestamp();
		PERFORM * FROM whosaid.who_said('cl_articles', r.words);
		INSERT INTO lat VALUES (r.kind, extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
END $$;
SELECT coalesce(kind, 'all queries'), count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
	   round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 1)
FROM lat GROUP BY ROLLUP (kind) ORDER BY kind NULLS LAST;
SQL
exit 0
