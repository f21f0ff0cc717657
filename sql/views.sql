-- The BI views that whosaid.track() creates, and the set-returning helpers
-- whosaid.top_speakers() and whosaid.cooccurring_actors().
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

CREATE TABLE news (
	id int PRIMARY KEY,
	title text,
	published timestamptz NOT NULL,
	updated date,
	body text);
INSERT INTO news VALUES
	(1, 'Acme', '2024-05-01 09:00+00', NULL,
	 '"We will win," said Jane Smith, the chief executive of Acme Corp.'),
	(2, 'MI5', '2024-05-01 15:00+00', NULL,
	 '"It is too early to tell," said Andrew Parker, the director general of MI5. Jane Smith agreed.'),
	(3, 'Prices', '2024-05-02 10:00+00', NULL,
	 '"Prices will rise," said Carl Rossi, an economist at the Bank of England. "We will win," Jane Smith said.'),
	(4, 'Platforms', '2024-05-03 10:00+00', NULL,
	 'Facebook and Google met MI5 in London. "No comment," said a Facebook spokesman.');
-- the first timestamp-like column is the time column
SELECT * FROM whosaid.track('news');
SET client_min_messages = warning;
CALL whosaid.backfill('news');
RESET client_min_messages;
SELECT time_column FROM whosaid.tracked WHERE relid = 'news'::regclass;

-- the views' columns, as a BI tool sees them
SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS columns
FROM information_schema.columns
WHERE table_schema = 'public' AND table_name LIKE 'news\_%'
GROUP BY table_name ORDER BY table_name;
SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c
WHERE c.relname LIKE 'news\_%' AND c.relkind IN ('r', 'v') ORDER BY 1;

SELECT id, published, n, speaker, speaker_kind, speaker_role, speaker_affiliation, content
FROM news_who_said_what ORDER BY id, n;
SELECT id, actor, kind, mentions, quoted FROM news_named_actors ORDER BY id, actor COLLATE "C";
SELECT * FROM news_top_speakers;
SELECT * FROM news_actor_pairs WHERE actor = 'Jane Smith' ORDER BY other_actor COLLATE "C";

-- the README's example queries
-- top speakers per day
SELECT date_trunc('day', published) AS day, speaker, count(*) AS quotes
FROM news_who_said_what GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2;
-- quotes by organization (the speaker's affiliation, or the speaker itself)
SELECT coalesce(speaker_affiliation, CASE WHEN speaker_kind = 'organization' THEN speaker END) AS organization,
	   count(*) AS quotes
FROM news_who_said_what GROUP BY 1 ORDER BY 2 DESC, 1;
-- articles quoting both Jane Smith and Carl Rossi
SELECT id FROM news_who_said_what WHERE speaker IN ('Jane Smith', 'Carl Rossi')
GROUP BY id HAVING count(DISTINCT speaker) = 2 ORDER BY id;
-- articles naming both MI5 and Facebook
SELECT id FROM news_named_actors WHERE actor IN ('MI5', 'Facebook')
GROUP BY id HAVING count(DISTINCT actor) = 2 ORDER BY id;

-- the helpers
SELECT * FROM whosaid.top_speakers('news');
SELECT * FROM whosaid.top_speakers('news', since => '2024-05-02');
SELECT * FROM whosaid.top_speakers('news', until => '2024-05-02', top => 1);
SELECT * FROM whosaid.cooccurring_actors('news', 'Jane Smith');
SELECT * FROM whosaid.cooccurring_actors('news', 'MI5', since => '2024-05-03');
SELECT * FROM whosaid.top_speakers('nosuch_table'::regclass);
SELECT * FROM whosaid.top_speakers('pg_class');

-- the views follow the derived tables
UPDATE news SET body = '"Plans have changed," said Carl Rossi.' WHERE id = 1;
DELETE FROM news WHERE id = 4;
SELECT * FROM news_top_speakers;

-- an explicit time column of type date; a table without one
CREATE TABLE notes (id int PRIMARY KEY, made timestamptz, day date, body text);
SELECT * FROM whosaid.track('notes', time_column => 'day');
INSERT INTO notes VALUES (1, now(), '2024-06-01', '"Fine," said Jane Smith.');
SELECT id, day, speaker FROM notes_who_said_what;
CREATE TABLE plain (id int PRIMARY KEY, body text);
SELECT * FROM whosaid.track('plain');
INSERT INTO plain VALUES (1, '"Fine," said Jane Smith.');
SELECT * FROM plain_top_speakers;
SELECT * FROM whosaid.top_speakers('plain');
SELECT * FROM whosaid.top_speakers('plain', since => '2024-01-01');

-- untrack with drop_tables removes the views too
SELECT whosaid.untrack('notes', drop_tables => true);
SELECT whosaid.untrack('plain', drop_tables => true);
SELECT whosaid.untrack('news', drop_tables => true);
SELECT relname FROM pg_class WHERE relname ~ '^(news|notes|plain)_' ORDER BY 1;
DROP TABLE news, notes, plain;
