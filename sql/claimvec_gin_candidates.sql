-- claimvec_gin_candidates: what the index hands to the recheck. 1,000 quotations
-- of ten words share one common word pair ("of the") with a paragraph and
-- nothing else; one more is inside the paragraph. Only that one may come out
-- of the Bitmap Index Scan: a row shorter than the query needs about 60 % of
-- its word pairs in the query, not one (issue 20: who_said() at 1 M claims).
SET search_path = public, whosaid;
CREATE TABLE cand (id int PRIMARY KEY, cv whosaid.claimvec);
INSERT INTO cand
SELECT g, whosaid.to_claimvec(format('a%1$s b%1$s c%1$s of the d%1$s e%1$s f%1$s g%1$s h%1$s', g))
FROM generate_series(1, 1000) g;
INSERT INTO cand VALUES (1001, whosaid.to_claimvec('the rate rise was justified by the strength of the economy'));
CREATE INDEX cand_cv ON cand USING gin (cv);
ANALYZE cand;
SET enable_seqscan = off;
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
  -- the same lines on 15 to 18 (18 prints rows=1.00 and Index Searches)
  FOR l IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, BUFFERS OFF) SELECT id FROM cand WHERE cv OPERATOR(whosaid.%) whosaid.to_claimvec($1)' USING q LOOP
    CONTINUE WHEN l ~ '^\s*Index Searches:';
    RETURN NEXT regexp_replace(regexp_replace(l, 'Heap Blocks: exact=\d+', 'Heap Blocks: exact=N'), 'rows=(\d+)\.00 ', 'rows=\1 ', 'g');
  END LOOP;
END $$;
-- the paragraph: the short row is a candidate and the match, no other row is
SELECT * FROM pg_temp.plan('We said the rate rise was justified by the strength of the economy, and the end of the year will show it.');
SELECT id FROM cand WHERE cv OPERATOR(whosaid.%) whosaid.to_claimvec('We said the rate rise was justified by the strength of the economy, and the end of the year will show it.');
-- the two-word fragment: every row holding the pair is a match (condition A)
SELECT count(*) FROM cand WHERE cv OPERATOR(whosaid.%) whosaid.to_claimvec('of the');
-- claim_matches() is estimated as its operator (%), not as a third of the
-- table: with that estimate who_said() planned parallel workers and a sort
RESET enable_seqscan;
CREATE FUNCTION pg_temp.estimate(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE j json;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) SELECT id FROM cand WHERE ' || q INTO j;
  RETURN (j -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
END $$;
SELECT pg_temp.estimate('whosaid.claim_matches(cv, whosaid.to_claimvec(''of the''))')
     = pg_temp.estimate('cv OPERATOR(whosaid.%) whosaid.to_claimvec(''of the'')') AS same_estimate,
     pg_temp.estimate('whosaid.claim_matches(cv, whosaid.to_claimvec(''of the''))') < 1001 / 3 AS below_default;
DROP TABLE cand;
