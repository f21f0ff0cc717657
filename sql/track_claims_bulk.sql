-- A write of more than whosaid._claims_bulk_rows() rows to a tracked table
-- with claims inserts its quotes with their claim and about in one statement
-- (_track_insert_sql() with the CTEs of _claims_assign_sql()), instead of
-- claims_insert() updating every quote after: the same claims, counts, first
-- articles and about as that path gives for the same quotes in one statement
-- (here an UPDATE of the bodies, which extracts them again through it), with
-- every quote written once.
SELECT whosaid._claims_bulk_rows();
CREATE TABLE bulk_src (id int PRIMARY KEY, published date, body text);
INSERT INTO bulk_src
SELECT i, date '2004-05-01' + (i * 7) % 30,
	format('%s said: "%s" %s added: "%s"',
		(ARRAY['Jack Pelham', 'Pelham', 'Lena Fox', 'Tom Blake', 'Michael Howard'])[1 + i % 5],
		CASE WHEN i % 3 = 0 THEN s1 ELSE regexp_replace(s1, '^\S+ ', '') END,
		(ARRAY['Mr Blair', 'Dr Fox', 'Mr Howard'])[1 + i % 3],
		s2)
FROM generate_series(1, 30) i
	CROSS JOIN LATERAL (SELECT
		(ARRAY['They said it to us very plainly, it was the nurses telling the managers: fix the rota.',
			   'We are going dark on this one and nobody will change that now.',
			   'The economy is stronger today than it has been for a generation, and that is our record.',
			   'It is going to be a tough election at the end of the day for all of us.',
			   'Nobody in this country believes that the plan for the railways will ever work.'])[1 + i % 5] AS s1,
		(ARRAY['Our schools and hospitals need investment, not the cuts that the Conservatives propose.',
			   'I have never met a minister who wanted to raise taxes in an election year, frankly.',
			   'Short one.',
			   'Very serious, he said.'])[1 + i % 4] || ' ' || (ARRAY['', 'This was the view of Facebook and of Andrew Parker.'])[1 + i % 2] AS s2) x;

-- a: the first 5 articles, then 25 in one statement (the bulk path)
CREATE TABLE bulk_a (id int PRIMARY KEY, published date, body text);
SELECT whosaid.track('bulk_a', time_column => 'published') IS NOT NULL AS tracked;
SELECT whosaid.track_claims('bulk_a');
INSERT INTO bulk_a SELECT * FROM bulk_src WHERE id <= 5;
-- (this transaction's counts of writes to bulk_a_quotes, before and after)
BEGIN;
SELECT n_tup_ins AS ins0, n_tup_upd AS upd0 FROM pg_stat_xact_user_tables WHERE relid = 'bulk_a_quotes'::regclass \gset
INSERT INTO bulk_a SELECT * FROM bulk_src WHERE id > 5;
SELECT n_tup_ins - :ins0 AS quotes_inserted, n_tup_upd - :upd0 AS quotes_updated
FROM pg_stat_xact_user_tables WHERE relid = 'bulk_a_quotes'::regclass;
COMMIT;
-- b: the same first 5, the 25 empty, then their bodies in one UPDATE (claims_insert())
CREATE TABLE bulk_b (id int PRIMARY KEY, published date, body text);
SELECT whosaid.track('bulk_b', time_column => 'published') IS NOT NULL AS tracked;
SELECT whosaid.track_claims('bulk_b');
INSERT INTO bulk_b SELECT * FROM bulk_src WHERE id <= 5;
INSERT INTO bulk_b SELECT id, published, '' FROM bulk_src WHERE id > 5;
BEGIN;
SELECT n_tup_ins AS ins0, n_tup_upd AS upd0 FROM pg_stat_xact_user_tables WHERE relid = 'bulk_b_quotes'::regclass \gset
UPDATE bulk_b b SET body = s.body FROM bulk_src s WHERE s.id = b.id AND b.id > 5;
SELECT n_tup_ins - :ins0 AS quotes_inserted, n_tup_upd - :upd0 AS quotes_updated
FROM pg_stat_xact_user_tables WHERE relid = 'bulk_b_quotes'::regclass;
COMMIT;

-- what they hold
SELECT count(*) AS quotes, count(claim) AS with_claim, count(DISTINCT claim) AS claims,
	   count(*) FILTER (WHERE about::text <> '') AS with_about, count(about) AS about_set
FROM bulk_a_quotes;
SELECT claim, content, first_id, first_seen, last_seen, articles, quotes, speaker, speakers
FROM bulk_a_claims ORDER BY claim;
-- the same in both
SELECT count(*) AS quotes_differ
FROM bulk_a_quotes a FULL JOIN bulk_b_quotes b USING (id, n)
WHERE (a.claim, a.about::text, a.content) IS DISTINCT FROM (b.claim, b.about::text, b.content);
SELECT count(*) AS claims_differ
FROM bulk_a_claims a FULL JOIN bulk_b_claims b USING (claim)
WHERE (a.content, a.cv::text, a.first_id, a.first_seen, a.last_seen, a.articles, a.quotes, a.speaker, a.speakers)
	IS DISTINCT FROM (b.content, b.cv::text, b.first_id, b.first_seen, b.last_seen, b.articles, b.quotes, b.speaker, b.speakers);
SELECT count(*) AS anchors_differ
FROM bulk_a_claim_anchors a FULL JOIN bulk_b_claim_anchors b USING (anchor, claim) WHERE a.claim IS NULL OR b.claim IS NULL;
SELECT (SELECT count(*) FROM bulk_a_claim_anchors) AS anchors,
	   (SELECT count(*) FROM bulk_a_claims c WHERE c.cv IS NULL OR NOT EXISTS (SELECT FROM bulk_a_claim_anchors k WHERE k.claim = c.claim)) AS claims_without_anchors;

-- then a delete and a small write keep the counts, as on any tracked table
DELETE FROM bulk_a WHERE id IN (5, 10);
INSERT INTO bulk_a VALUES (100, '2004-04-01', 'Fox said: "We are going dark on this one, and nobody will change that now."');
SELECT claim, first_id, first_seen, articles, quotes FROM bulk_a_claims WHERE content ~ 'going dark' ORDER BY claim;
SELECT count(*) AS counts_wrong
FROM bulk_a_claims c
	FULL JOIN (SELECT claim, count(*)::int AS quotes, count(DISTINCT id)::int AS articles
			   FROM bulk_a_quotes WHERE claim IS NOT NULL GROUP BY claim) q USING (claim)
WHERE (c.quotes, c.articles) IS DISTINCT FROM (q.quotes, q.articles);

-- the statement that assigns claims inside the insert refuses ON CONFLICT DO NOTHING
SELECT whosaid._track_insert_sql(t, 'src', true, NULL, 'assign') FROM whosaid.tracked t WHERE relid = 'bulk_a'::regclass;
