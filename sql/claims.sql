-- claims: claims in tracked tables. Quotes join the claim they match or start
-- one; a short fragment never does; counts follow inserts, updates and
-- deletes; a claim without quotes disappears; the views and who_said().
CREATE TABLE art (id int PRIMARY KEY, published timestamptz, body text);
SELECT * FROM whosaid.track('art');
INSERT INTO art VALUES
 (1, '2005-01-10', 'Mr Prescott said: "They told us very clearly, it was the troops telling the leaders: get in line." He added: "Very serious."'),
 (2, '2005-01-12', '"It was the troops telling the leaders: get in line," John Prescott said on Tuesday.'),
 (3, '2005-01-11', 'Dr Fox accused Mr Blair. He told BBC Radio: "It was the troops telling the leaders: get in line, and we must now act."'),
 (4, '2005-01-13', '"We are going dark on this for a long while now," said Liam Fox.'),
 (5, '2005-01-14', 'Sheryl Sandberg said: "Facebook and Twitter must work with the government to stop this."');
-- the two-word quote has no claim; the quote naming Facebook and Twitter is about them
SELECT id, n, speaker, claim, about, content FROM art_quotes ORDER BY id, n;
SELECT claim, content, first_article, first_seen, last_seen, articles, quotes, speakers
FROM art_claims ORDER BY claim;
-- what did Sandberg say about Facebook?
SELECT id, content FROM art_quotes
WHERE speaker = 'Sheryl Sandberg' AND about OPERATOR(whosaid.@@) 'Facebook'::whosaid.actorquery;
SELECT * FROM art_claim_spread ORDER BY claim, day;
SELECT * FROM art_claim_speakers ORDER BY claim, speaker COLLATE "C";
SELECT * FROM art_disputed_claims ORDER BY claim, speaker COLLATE "C";

-- who said it: a two-word fragment, a phrase, a whole paragraph, nothing known
SELECT claim, content, speakers, first_article, articles, similarity FROM whosaid.who_said('art', 'going dark');
SELECT claim, articles, similarity FROM whosaid.who_said('art', 'the troops telling the leaders');
SELECT claim, articles, similarity FROM whosaid.who_said('art',
  'On Monday he said that they told us very clearly, it was the troops telling the leaders: get in line. '
  'Later he said we are going dark on this for a long while now. Nobody believed him.', 1);
SELECT count(*) AS unknown FROM whosaid.who_said('art', 'it is going to be a tough game at the end of the day');
SELECT whosaid.who_said('no_such_table', 'x');
SELECT whosaid.who_said('pg_class', 'x');

-- an article earlier than the first moves first_seen and first_article
INSERT INTO art VALUES (6, '2005-01-01', '"It was the troops telling the leaders: get in line," said Prescott.');
SELECT claim, first_article, first_seen, articles, quotes FROM art_claims WHERE claim = 1;
-- deletes and updates keep the counts; a claim left without quotes goes
DELETE FROM art WHERE id IN (3, 6);
UPDATE art SET body = 'Nothing was said.' WHERE id = 4;
SELECT claim, articles, quotes, speakers FROM art_claims ORDER BY claim;
-- the counts equal a recount from the quotes
SELECT count(*) AS wrong FROM art_claims c
WHERE c.quotes <> (SELECT count(*) FROM art_quotes q WHERE q.claim = c.claim)
   OR c.articles <> (SELECT count(DISTINCT id) FROM art_quotes q WHERE q.claim = c.claim);
-- the claim does not depend on the session's threshold
SET whosaid.claim_threshold = 0.99;
INSERT INTO art VALUES (7, '2005-01-20', 'He said: "It was the troops telling the leaders: get in line, as I said."');
RESET whosaid.claim_threshold;
SELECT id, claim FROM art_quotes WHERE id = 7;

-- without a time column, first_seen is when the claim was first inserted
CREATE TABLE plain (id int PRIMARY KEY, body text);
SELECT * FROM whosaid.track('plain');
INSERT INTO plain VALUES (1, '"We must now work together on this problem," said Anna Lee.'),
                         (2, 'Anna Lee said: "We must now work together on this problem."');
SELECT claim, first_article, first_seen <= now() AS seen, articles, quotes FROM plain_claims;
SELECT * FROM plain_claim_spread WHERE day <> current_date;

-- a claim whose quotes have no speaker has an empty speaker list
INSERT INTO plain VALUES (3, 'The protest went on. "Nobody will be allowed to enter this building after dark tonight." The crowd left.');
SELECT q.speaker, c.speakers, c.quotes FROM plain_quotes q JOIN plain_claims c USING (claim) WHERE q.id = 3;

-- untrack with drop_tables removes the claims table and views
SELECT whosaid.untrack('art', drop_tables => true);
SELECT whosaid.untrack('plain', drop_tables => true);
SELECT count(*) AS left_over FROM pg_class WHERE relname ~ '^(art|plain)_' AND relkind IN ('r', 'v');
DROP TABLE art, plain;
