-- claimvec: normalisation, text and binary round trips, similarity and its
-- tie-break, the % operator and whosaid.claim_threshold, claim_matches()
-- without whosaid in search_path, limits and bad binary input.

-- case, accents, quote-mark styles and punctuation fold away; numbers stay;
-- an ellipsis (… or ...) splits segments
SELECT whosaid.to_claimvec($$“The crews warned us VERY plainly,” it’s the pilots — ‘fix the roster’$$);
SELECT whosaid.to_claimvec($$Zoë said "1,000" U.S. jobs ... were lost … in 2004.$$);
SELECT whosaid.to_claimvec(''), whosaid.to_claimvec(' … ,, "" '), whosaid.to_claimvec('''''quoted''''');
-- the text form parses back to the same value
SELECT v::text::whosaid.claimvec::text = v::text AS round_trip,
       whosaid.claim_similarity(v, v::text::whosaid.claimvec) AS same
FROM (SELECT whosaid.to_claimvec($$It's "going dark" … said Mr O’Neill at 3.5%$$) AS v) s;

-- containment of the shorter: a trimmed quote scores high against its source,
-- a two-word fragment matches in order only, empty matches nothing; the
-- segments of an ellipsis match in order (1, 6), not reversed (1, 7)
CREATE TEMP TABLE q (id int, t text);
INSERT INTO q VALUES
  (1, 'The crews warned us very plainly, it was the pilots telling the managers: fix the roster'),
  (2, '"It was the pilots telling the managers: fix the roster," she said.'),
  (3, 'going dark'),
  (4, 'dark going'),
  (5, 'We are going dark on this.'),
  (6, 'The crews warned us very plainly … fix the roster'),
  (7, 'fix the roster … the crews warned us very plainly'),
  (8, ''),
  (9, 'a wet pitch will make for a hard match on Sunday evening');
SELECT a.id AS a, b.id AS b,
       whosaid.claim_similarity(whosaid.to_claimvec(a.t), whosaid.to_claimvec(b.t)) AS sim
FROM q a JOIN q b ON a.id < b.id
WHERE (a.id, b.id) IN ((1, 2), (1, 6), (1, 7), (3, 5), (4, 5), (3, 4), (1, 8), (8, 8), (1, 9), (3, 9))
ORDER BY a, b;
-- symmetric; identical quotations score 1
SELECT count(*) FILTER (WHERE whosaid.claim_similarity(x, y) <> whosaid.claim_similarity(y, x)) AS asymmetric,
       count(*) FILTER (WHERE a.t <> '' AND whosaid.claim_similarity(x, x) <> 1) AS self_not_one
FROM q a, q b, LATERAL (SELECT whosaid.to_claimvec(a.t) x, whosaid.to_claimvec(b.t) y) v;
-- ties: equal containment, the candidate of the closest length ranks first
SELECT t, whosaid.claim_similarity(whosaid.to_claimvec('going dark'), whosaid.to_claimvec(t)) AS sim
FROM (VALUES ('going dark'), ('we are going dark'), ('we are going dark on this for a long while now'),
             ('dark is going')) v(t)
ORDER BY sim DESC, t COLLATE "C";

-- % follows whosaid.claim_threshold, per session
SHOW whosaid.claim_threshold;
SELECT whosaid.to_claimvec(a.t) OPERATOR(whosaid.%) whosaid.to_claimvec(b.t) AS similar,
       whosaid.claim_matches(whosaid.to_claimvec(a.t), whosaid.to_claimvec(b.t)) AS matches
FROM q a, q b WHERE a.id = 1 AND b.id IN (2, 9) ORDER BY b.id;
SET whosaid.claim_threshold = 0.9;
SELECT whosaid.to_claimvec(a.t) OPERATOR(whosaid.%) whosaid.to_claimvec(b.t) AS similar,
       whosaid.claim_matches(whosaid.to_claimvec(a.t), whosaid.to_claimvec(b.t)) AS matches
FROM q a, q b WHERE a.id = 1 AND b.id IN (2, 9) ORDER BY b.id;
SET whosaid.claim_threshold = 1.5;
RESET whosaid.claim_threshold;
SET whosaid.no_such_setting = 1;

-- the function form needs no search_path
SET search_path = pg_catalog;
SELECT whosaid.claim_matches(whosaid.to_claimvec('going dark'), whosaid.to_claimvec('We are going dark on this.'));
RESET search_path;

-- size limit: a clear error, not an out-of-memory
SELECT whosaid.to_claimvec(repeat('word ', 300000));
SELECT length(whosaid.to_claimvec(repeat('word ', 200000))::text) AS under_the_limit;

-- binary send/recv round trip through COPY
CREATE TEMP TABLE cv (id int, v whosaid.claimvec);
INSERT INTO cv SELECT id, whosaid.to_claimvec(t) FROM q;
COPY cv TO '/tmp/whosaid_claimvec.bin' WITH (FORMAT binary);
CREATE TEMP TABLE cv2 (LIKE cv);
COPY cv2 FROM '/tmp/whosaid_claimvec.bin' WITH (FORMAT binary);
SELECT count(*) AS rows,
       count(*) FILTER (WHERE cv.v::text = cv2.v::text
                          AND (cv.v::text = '' OR whosaid.claim_similarity(cv.v, cv2.v) = 1)) AS same
FROM cv JOIN cv2 USING (id);
SELECT id, whosaid.claimvec_send(v) FROM cv WHERE id IN (3, 8) ORDER BY id;

-- recv checks the version and reserved bytes and the string length; garbage is an error
COPY (SELECT set_byte(whosaid.claimvec_send(v), 0, 2) FROM cv WHERE id = 3) TO '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY cv2 (v) FROM '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY (SELECT set_byte(whosaid.claimvec_send(v), 1, 7) FROM cv WHERE id = 3) TO '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY cv2 (v) FROM '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY (SELECT substring(whosaid.claimvec_send(v) from 1 for 8) FROM cv WHERE id = 3) TO '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY cv2 (v) FROM '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY (SELECT '\x0100ffffffff'::bytea) TO '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY cv2 (v) FROM '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY (SELECT '\x010000000002ffc3'::bytea) TO '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY cv2 (v) FROM '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
-- any valid text is accepted and normalised again
COPY (SELECT '\x010000000008224f4b2c22204f4b'::bytea) TO '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
COPY cv2 (v) FROM '/tmp/whosaid_claimvec_bad.bin' WITH (FORMAT binary);
SELECT v FROM cv2 WHERE id IS NULL;
