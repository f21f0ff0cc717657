#!/usr/bin/env bash
# Claim lookups on the BBC corpus's sentences (docs/claims.md, "Speed"): every sentence of
# more than 30 characters is a quotation (38,141); 200 of them, trimmed to their middle 60 %,
# are looked up through the GIN index with % and ranked by claim_similarity, and the same
# lookups through pg_trgm (GIN gin_trgm_ops, <<% ranked by strict_word_similarity). Prints
# build times, index sizes, median and p90 latency, and how often the first hit is the source.
# Needs ../shared (exits 77 without it) and the installed extension and pg_trgm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${WHOSAID_SHARED:-../shared}
if [ ! -d "$SHARED/corpus/bbc" ]; then
	echo "skipped: $SHARED/corpus/bbc not present"
	exit 77
fi
# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb claims_bench
python3 test/texts.py csv "$SHARED"/corpus/bbc/*.txt |
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION whosaid' -c 'CREATE EXTENSION pg_trgm' \
		-c 'CREATE TABLE bbc (file text, body text)' -c '\copy bbc FROM STDIN WITH (FORMAT csv)'
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL' | grep -v '^$'
CREATE TABLE sents AS
SELECT row_number() OVER () AS id, s AS body
FROM bbc, regexp_split_to_table(body, '(?<=[.!?])\s+') s WHERE length(s) > 30;
CREATE TABLE probes AS
SELECT id, array_to_string(w[greatest(2, cardinality(w) / 5):cardinality(w) * 4 / 5], ' ') AS q
FROM (SELECT id, string_to_array(body, ' ') AS w FROM sents) s
WHERE id % ((SELECT count(*) FROM sents) / 200) = 0 LIMIT 200;
CREATE TABLE timings (how text, id bigint, ms float8, hit bigint);
CREATE FUNCTION pg_temp.elapsed(t0 timestamptz) RETURNS float8 LANGUAGE sql
RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
DO $$
DECLARE t0 timestamptz;
BEGIN
  t0 := clock_timestamp();
  ALTER TABLE sents ADD COLUMN cv whosaid.claimvec;
  UPDATE sents SET cv = whosaid.to_claimvec(body);
  RAISE NOTICE 'to_claimvec of % sentences: % ms', (SELECT count(*) FROM sents), round(pg_temp.elapsed(t0)::numeric);
  t0 := clock_timestamp();
  CREATE INDEX sents_cv ON sents USING gin (cv);
  RAISE NOTICE 'claimvec_ops index: % ms, %', round(pg_temp.elapsed(t0)::numeric), pg_size_pretty(pg_relation_size('sents_cv'));
  t0 := clock_timestamp();
  CREATE INDEX sents_trgm ON sents USING gin (body gin_trgm_ops);
  RAISE NOTICE 'gin_trgm_ops index: % ms, %', round(pg_temp.elapsed(t0)::numeric), pg_size_pretty(pg_relation_size('sents_trgm'));
END $$;
ANALYZE sents;
DO $$
DECLARE r record; t0 timestamptz; h bigint;
BEGIN
  FOR r IN SELECT * FROM probes LOOP
    t0 := clock_timestamp();
    SELECT s.id INTO h FROM sents s WHERE s.cv OPERATOR(whosaid.%) whosaid.to_claimvec(r.q)
      ORDER BY whosaid.claim_similarity(s.cv, whosaid.to_claimvec(r.q)) DESC, s.id LIMIT 1;
    INSERT INTO timings VALUES ('claimvec %', r.id, pg_temp.elapsed(t0), h);
    t0 := clock_timestamp();
    SELECT s.id INTO h FROM sents s WHERE r.q <<% s.body
      ORDER BY strict_word_similarity(r.q, s.body) DESC, s.id LIMIT 1;
    INSERT INTO timings VALUES ('pg_trgm <<%', r.id, pg_temp.elapsed(t0), h);
  END LOOP;
END $$;
SELECT how, count(*) AS lookups,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS median_ms,
       round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p90_ms,
       round(avg((t.hit = t.id OR s2.body = s1.body)::int)::numeric, 3) AS first_hit_right
FROM timings t JOIN sents s1 ON s1.id = t.id LEFT JOIN sents s2 ON s2.id = t.hit
GROUP BY how ORDER BY how;
SQL
