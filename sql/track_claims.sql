-- Claims in tracked tables (docs/claims.md, "Claims in tracked tables"):
-- assignment of new quotes to claims, short fragments, counts kept right by
-- inserts, updates and deletes, the views, who_said(), and an ordinary role.
CREATE TABLE claims_news (id int PRIMARY KEY, published date, body text);
SELECT * FROM whosaid.track('claims_news', time_column => 'published');
INSERT INTO claims_news VALUES
  (1, '2004-05-03', 'Jack Pelham said: "They said it to us very plainly, it was the nurses telling the managers: fix the rota." He added: "We are going dark on this one."');
-- the claims of quotes already there are assigned by track_claims()
SELECT whosaid.track_claims('claims_news');
SELECT whosaid.track_claims('claims_news');
-- one statement: a trimmed variant joins the claim, a new quote starts one,
-- a fragment of two words gets none
INSERT INTO claims_news VALUES
  (2, '2004-05-01', '"It was the nurses telling the managers: fix the rota," said Pelham.'),
  (3, '2004-05-02', 'Lena Fox said the plan was "very serious". "Nobody will be going dark on this plan at all, not even MI5," Fox said.'),
  (4, '2004-05-04', '"We are going dark on this one, and that is final," said Tom Blake.');
SELECT id, n, claim IS NOT NULL AS has_claim, content, speaker FROM claims_news_quotes ORDER BY id, n;
SELECT count(DISTINCT claim) AS claims FROM claims_news_quotes;
-- quotes of the same claim share it; fragments of fewer than 6 words have none
SELECT q.id, q.n, r.id AS same_as_id, r.n AS same_as_n
FROM claims_news_quotes q JOIN claims_news_quotes r ON r.claim = q.claim AND (r.id, r.n) < (q.id, q.n)
ORDER BY 1, 2, 3, 4;
SELECT content, first_id, first_seen, last_seen, articles, quotes, speaker, speakers
FROM claims_news_claims ORDER BY first_seen, content COLLATE "C";
-- what did a speaker say about someone: the actors named inside quotes
SELECT id, n, about FROM claims_news_quotes WHERE about IS NOT NULL AND about::text <> '' ORDER BY id, n;

-- the views
SELECT c.content, s.day, s.articles, s.quotes
FROM claims_news_claim_spread s JOIN claims_news_claims c USING (claim) ORDER BY s.day, c.content COLLATE "C";
SELECT c.first_id, s.speaker, s.quotes, s.first_seen
FROM claims_news_claim_speakers s JOIN claims_news_claims c USING (claim) ORDER BY c.first_id, s.speaker COLLATE "C";
SELECT content, speaker, quotes, first_seen, first_id
FROM claims_news_disputed_claims ORDER BY content COLLATE "C", speaker COLLATE "C";

-- who_said: a fragment, a paragraph, nothing; best first
SELECT content, speakers, first_article, first_seen, articles, quotes, similarity
FROM whosaid.who_said('claims_news', 'going dark');
SELECT content, first_article, similarity
FROM whosaid.who_said('claims_news', 'Yesterday in the Commons he repeated it: they said it to us very plainly, it was the nurses telling the managers, fix the rota. Nobody believed him.', 1);
SELECT count(*) FROM whosaid.who_said('claims_news', 'something nobody said');

-- an update re-extracts the row: counts follow; the earliest article stays first
UPDATE claims_news SET body = '"Nothing to add," said Pelham.' WHERE id = 2;
SELECT content, first_id, first_seen, articles, quotes, speakers FROM claims_news_claims ORDER BY first_seen, content COLLATE "C";
-- a claim left without quotes disappears, with its anchors
DELETE FROM claims_news WHERE id IN (1, 4);
SELECT content, first_id, articles, quotes FROM claims_news_claims ORDER BY content COLLATE "C";
SELECT count(*) AS orphan_anchors FROM claims_news_claim_anchors k
WHERE NOT EXISTS (SELECT FROM claims_news_claims c WHERE c.claim = k.claim);
SELECT count(*) AS dangling_quotes FROM claims_news_quotes q
WHERE q.claim IS NOT NULL AND NOT EXISTS (SELECT FROM claims_news_claims c WHERE c.claim = q.claim);

-- an ordinary role with SELECT on the table: who_said() and the claims
CREATE ROLE regress_claims_reader LOGIN;
CREATE ROLE regress_claims_owner LOGIN;
CREATE SCHEMA regress_claims AUTHORIZATION regress_claims_owner;
GRANT USAGE ON SCHEMA regress_claims TO regress_claims_reader;
SET ROLE regress_claims_owner;
CREATE TABLE regress_claims.a (id int PRIMARY KEY, body text);
GRANT SELECT ON regress_claims.a TO regress_claims_reader;
SET client_min_messages = warning;
SELECT whosaid.track('regress_claims.a');
RESET client_min_messages;
SELECT whosaid.track_claims('regress_claims.a');
INSERT INTO regress_claims.a VALUES (1, '"The nurses were telling the managers to fix the rota," said Ann Lee.');
SET ROLE regress_claims_reader;
SELECT content, speakers, similarity FROM whosaid.who_said('regress_claims.a', 'telling the managers to fix the rota');
SELECT count(*) FROM regress_claims.a_claim_speakers;
-- adding claims is for the owner
SELECT whosaid.track_claims('claims_news');
-- a renamed tracked table keeps its claims current
SET ROLE regress_claims_owner;
ALTER TABLE regress_claims.a RENAME TO renamed;
INSERT INTO regress_claims.renamed VALUES (2, 'Ann Lee said again: "The nurses were telling the managers to fix the rota."');
SELECT content, articles, quotes FROM regress_claims.a_claims;
RESET ROLE;

-- untrack with drop_tables takes the claims along
SELECT whosaid.untrack('regress_claims.renamed', drop_tables => true);
SELECT relname FROM pg_class WHERE relnamespace = 'regress_claims'::regnamespace ORDER BY 1;
DROP TABLE regress_claims.renamed;
DROP SCHEMA regress_claims;
DROP ROLE regress_claims_reader, regress_claims_owner;
-- dropping the tracked table drops its claims
DROP TABLE claims_news CASCADE;
SELECT relname FROM pg_class WHERE relname LIKE 'claims\_news%' ORDER BY 1;
