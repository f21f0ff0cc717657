-- claimvec_gin: the default GIN operator class. amvalidate, plans (also of
-- claim_matches() through its support function), and the same rows with and
-- without the index for generated quotations, their trimmed and edited
-- variants, short fragments, a paragraph and the empty quotation, at several
-- thresholds.
SET search_path = public, whosaid;

SELECT opcname, amvalidate(oid) FROM pg_opclass WHERE opcname = 'claimvec_ops';

-- 400 base quotations of 6 to 25 words from a pool of 60, each with a trimmed,
-- an edited and a two-word variant, plus 200 of stock phrases and 20 empty rows
CREATE TEMP TABLE pool AS
SELECT row_number() OVER () AS i, w FROM unnest(string_to_array(
  'the a we it is going to be at end of day troops leaders line clearly told us very dark '
  'security threat numbers up nothing changed serious act no comment government tax spend waste vote '
  'later people Britain faces solutions chancellor run out problems answer Zoë café 1,000 2004 U.S. '
  'election issue labour rate rise justified strength economy predicting will'
  , ' ')) AS w;
CREATE TEMP TABLE base AS
SELECT g, array_agg(w ORDER BY k) AS ws
FROM generate_series(1, 400) g,
     generate_series(1, 6 + g % 20) k,
     LATERAL (SELECT w FROM pool WHERE i = 1 + (g * 7 + k * k * 13 + k * g) % 60) p
GROUP BY g;
CREATE TABLE claims_gin (id serial PRIMARY KEY, body text, cv whosaid.claimvec);
INSERT INTO claims_gin (body)
SELECT array_to_string(ws, ' ') FROM base
UNION ALL SELECT array_to_string(ws[2:cardinality(ws) - 2], ' ') FROM base
UNION ALL SELECT array_to_string(ws[1:3] || ARRAY['[sic]'] || ws[5:], ' ') FROM base
UNION ALL SELECT array_to_string(ws[3:4], ' ') FROM base
UNION ALL SELECT 'it is going to be a ' || w || ' at the end of the day' FROM pool, generate_series(1, 3) r WHERE i <= 60 AND r = 1
UNION ALL SELECT '“' || w || ' … ' || w || '”' FROM pool WHERE i <= 60
UNION ALL SELECT '' FROM generate_series(1, 20);
UPDATE claims_gin SET cv = whosaid.to_claimvec(body);
SELECT count(*) AS rows, count(*) FILTER (WHERE cv::text = '') AS empty FROM claims_gin;
CREATE INDEX claims_gin_cv ON claims_gin USING gin (cv);
ANALYZE claims_gin;

-- queries: every 20th row's own text, fragments of one to three words, a
-- paragraph joining several rows, words in another order, nothing
CREATE TEMP TABLE queries (q text);
INSERT INTO queries SELECT body FROM claims_gin WHERE id % 20 = 0;
INSERT INTO queries VALUES ('going dark'), ('troops'), ('told us very'), ('at the end of the day'),
  ('it is going to be a'), ('ZOE CAFE'), ('1000'), ('nothing … changed'), (''), ('in line get'),
  ((SELECT string_agg(body, ' ') FROM claims_gin WHERE id BETWEEN 5 AND 12));
SELECT count(*) AS queries FROM queries;

CREATE FUNCTION pg_temp.answer(q text) RETURNS int[] LANGUAGE plpgsql AS $$
DECLARE r int[];
BEGIN
  EXECUTE 'SELECT coalesce(array_agg(id ORDER BY id), ''{}'') FROM claims_gin WHERE cv OPERATOR(whosaid.%) $1'
    INTO r USING whosaid.to_claimvec(q);
  RETURN r;
END $$;
CREATE FUNCTION pg_temp.by_index(q text) RETURNS int[] LANGUAGE plpgsql AS $$
DECLARE r int[]; plan text;
BEGIN
  EXECUTE 'EXPLAIN (COSTS OFF) SELECT id FROM claims_gin WHERE cv OPERATOR(whosaid.%) whosaid.to_claimvec($1)' INTO plan USING q;
  IF plan NOT LIKE 'Bitmap Heap Scan%' THEN RAISE EXCEPTION 'no index scan for %: %', q, plan; END IF;
  RETURN pg_temp.answer(q);
END $$;
CREATE FUNCTION pg_temp.compare(t real) RETURNS TABLE (threshold real, compared bigint, mismatches bigint, with_rows bigint, rows_found bigint)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('whosaid.claim_threshold', t::text, false);
  SET LOCAL enable_bitmapscan = off;
  SET LOCAL enable_indexscan = off;
  CREATE TEMP TABLE seq ON COMMIT DROP AS SELECT q, pg_temp.answer(q) AS ids FROM queries;
  SET LOCAL enable_bitmapscan = on;
  SET LOCAL enable_indexscan = on;
  SET LOCAL enable_seqscan = off;
  RETURN QUERY SELECT t, count(*), count(*) FILTER (WHERE s.ids <> pg_temp.by_index(s.q)),
                      count(*) FILTER (WHERE cardinality(s.ids) > 0), sum(cardinality(s.ids))
               FROM seq s;
  DROP TABLE seq;
END $$;
SELECT * FROM pg_temp.compare(0.6);
SELECT * FROM pg_temp.compare(0.3);
SELECT * FROM pg_temp.compare(0.9);
SELECT * FROM pg_temp.compare(1);
SELECT * FROM pg_temp.compare(0.005);
SELECT * FROM pg_temp.compare(0);
RESET whosaid.claim_threshold;

-- the query the docs show: % narrows through the index, claim_similarity ranks
EXPLAIN (COSTS OFF)
SELECT id FROM claims_gin WHERE cv % whosaid.to_claimvec('going dark')
ORDER BY whosaid.claim_similarity(cv, whosaid.to_claimvec('going dark')) DESC LIMIT 10;
-- three words of row 1: the rows holding them in a row rank by length, and so do
-- rows made of one-word segments that the three words contain (docs/claims.md)
SELECT array_to_string(ws[4:6], ' ') AS words FROM base WHERE g = 1 \gset
SELECT body, whosaid.claim_similarity(cv, whosaid.to_claimvec(:'words')) AS sim
FROM claims_gin WHERE cv % whosaid.to_claimvec(:'words')
ORDER BY sim DESC, id LIMIT 8;
-- the function form keeps the index, on either side, without search_path
SET search_path = pg_catalog;
EXPLAIN (COSTS OFF)
SELECT id FROM public.claims_gin WHERE whosaid.claim_matches(cv, whosaid.to_claimvec('going dark'));
EXPLAIN (COSTS OFF)
SELECT id FROM public.claims_gin WHERE whosaid.claim_matches(whosaid.to_claimvec('going dark'), cv);
SELECT count(*) AS by_function,
       (SELECT count(*) FROM public.claims_gin WHERE cv OPERATOR(whosaid.%) whosaid.to_claimvec('told us very')) AS by_operator
FROM public.claims_gin WHERE whosaid.claim_matches(whosaid.to_claimvec('told us very'), cv);
RESET search_path;

-- an expression index over the text serves the same query
CREATE INDEX claims_gin_expr ON claims_gin USING gin (whosaid.to_claimvec(body));
EXPLAIN (COSTS OFF)
SELECT id FROM claims_gin WHERE whosaid.to_claimvec(body) OPERATOR(whosaid.%) whosaid.to_claimvec('going dark');

DROP TABLE claims_gin;
