-- whosaid.actor_pairs(): the rows of <prefix>_actor_pairs, counted over a time
-- window of the tracked table (the view has no time column for a dashboard's
-- date filter).
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

CREATE TABLE pairs_news (
	id int PRIMARY KEY,
	published timestamptz NOT NULL,
	body text);
INSERT INTO pairs_news VALUES
	(1, '2024-05-01 09:00+00', '"We will win," said Jane Smith, the chief executive of Acme Corp.'),
	(2, '2024-05-01 15:00+00', '"It is too early to tell," said Andrew Parker, the director general of MI5. Jane Smith agreed.'),
	(3, '2024-05-08 10:00+00', '"Prices will rise," said Carl Rossi, an economist at the Bank of England. "We will win," Jane Smith said.'),
	(4, '2024-05-09 10:00+00', 'Facebook and Google met MI5 in London. "No comment," said a Facebook spokesman. Jane Smith was not there.');
SELECT * FROM whosaid.track('pairs_news', time_column => 'published');
SET client_min_messages = warning;
CALL whosaid.backfill('pairs_news');
RESET client_min_messages;

-- without a window: the view's rows, no more, no fewer
SELECT count(*) AS pairs FROM pairs_news_actor_pairs;
(SELECT * FROM whosaid.actor_pairs('pairs_news', top => NULL) EXCEPT SELECT * FROM pairs_news_actor_pairs)
UNION ALL
(SELECT * FROM pairs_news_actor_pairs EXCEPT SELECT * FROM whosaid.actor_pairs('pairs_news', top => NULL));

-- the first week, the second week, and one day: Jane Smith's company changes
SELECT other_actor, other_kind, articles
FROM whosaid.actor_pairs('pairs_news', since => '2024-05-01', until => '2024-05-08')
WHERE actor = 'Jane Smith' ORDER BY articles DESC, other_actor COLLATE "C";
SELECT other_actor, other_kind, articles
FROM whosaid.actor_pairs('pairs_news', since => '2024-05-08')
WHERE actor = 'Jane Smith' ORDER BY articles DESC, other_actor COLLATE "C";
SELECT actor, other_actor, articles
FROM whosaid.actor_pairs('pairs_news', since => '2024-05-09', until => '2024-05-10')
WHERE actor COLLATE "C" < other_actor COLLATE "C" ORDER BY actor COLLATE "C", other_actor COLLATE "C";
-- most frequent first (Jane Smith and MI5 in rows 2 and 4, both ways round), then top
SELECT actor, other_actor, articles FROM whosaid.actor_pairs('pairs_news', top => 2);
SELECT count(*) FROM whosaid.actor_pairs('pairs_news', since => '2025-01-01');

-- errors: a table that is not tracked; a window on a table without a time column
SELECT * FROM whosaid.actor_pairs('pg_class');
CREATE TABLE pairs_plain (id int PRIMARY KEY, body text);
SELECT * FROM whosaid.track('pairs_plain');
INSERT INTO pairs_plain VALUES (1, '"Fine," said Jane Smith of MI5.');
SELECT actor, other_actor, articles FROM whosaid.actor_pairs('pairs_plain') ORDER BY actor COLLATE "C";
SELECT * FROM whosaid.actor_pairs('pairs_plain', since => '2024-01-01');

-- leave whosaid.tracked as it was (later tests read all of it)
SELECT whosaid.untrack('pairs_news', drop_tables => true);
SELECT whosaid.untrack('pairs_plain', drop_tables => true);
DROP TABLE pairs_news, pairs_plain;
SELECT count(*) FROM whosaid.tracked;
