-- Tracked tables in operation: what track() refuses and how it says so,
-- partitioned tables, renames and drops, case-insensitive collations, the
-- triggers without their catalog row, and the database encodings.
-- track_check() compares a tracked table's derived tables with what
-- whosaid.quotes() and whosaid.actors() return for its current bodies.
\set SHOW_CONTEXT never
CREATE FUNCTION track_check(tbl regclass) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	t whosaid.tracked := whosaid._tracked(tbl);
	q text;
	a text;
BEGIN
	EXECUTE format(
		'WITH want AS (SELECT %1$s, x.n, x.speaker, x.content FROM %2$s s, whosaid.quotes(s.%3$I) x),'
		' have AS (SELECT %4$s, n, speaker, content FROM %5$s)'
		' SELECT format(''%%s quotes, %%s missing, %%s extra'', (SELECT count(*) FROM have),'
		' (SELECT count(*) FROM (TABLE want EXCEPT ALL TABLE have) d), (SELECT count(*) FROM (TABLE have EXCEPT ALL TABLE want) d))',
		whosaid._track_keys(t, 's'), tbl, t.body_column, whosaid._track_keys(t), t.quotes_table) INTO q;
	EXECUTE format(
		'WITH want AS (SELECT %1$s, x.ordinality::int AS n, x.actor, x.kind FROM %2$s s, whosaid.actors(s.%3$I) WITH ORDINALITY x),'
		' have AS (SELECT %4$s, n, actor, kind FROM %5$s)'
		' SELECT format(''%%s actors, %%s missing, %%s extra'', (SELECT count(*) FROM have),'
		' (SELECT count(*) FROM (TABLE want EXCEPT ALL TABLE have) d), (SELECT count(*) FROM (TABLE have EXCEPT ALL TABLE want) d))',
		whosaid._track_keys(t, 's'), tbl, t.body_column, whosaid._track_keys(t), t.actors_table) INTO a;
	RETURN q || '; ' || a;
END
$$;
CREATE VIEW whosaid_triggers AS
SELECT tgrelid::regclass::text AS rel, count(*) AS triggers FROM pg_trigger
WHERE tgname IN ('whosaid_track_insert', 'whosaid_track_update') GROUP BY 1;

-- refused, with what to do instead
CREATE TEMP TABLE scratch (id int PRIMARY KEY, body text);
SELECT whosaid.track('scratch');
SELECT count(*) AS catalog_rows FROM whosaid.tracked WHERE relid = 'scratch'::regclass;
DROP TABLE scratch;
CREATE TABLE posts (id int PRIMARY KEY, title varchar(200), content text);
SELECT whosaid.track('posts');
DROP TABLE posts;
CREATE TABLE counts (id int PRIMARY KEY, n2 int);
SELECT whosaid.track('counts');
DROP TABLE counts;

-- a partitioned table: rows sent to the parent, to a partition, to a
-- sub-partition, by COPY, moved between partitions, in partitions created or
-- attached later; a detached partition keeps no trigger
CREATE TABLE feed (id int, region text, body text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE feed_uk PARTITION OF feed FOR VALUES IN ('uk');
CREATE TABLE feed_us PARTITION OF feed FOR VALUES IN ('us', 'ca') PARTITION BY LIST (region);
CREATE TABLE feed_us_us PARTITION OF feed_us FOR VALUES IN ('us');
INSERT INTO feed VALUES (1, 'uk', '"Rain again," said Jane Smith.');
SELECT * FROM whosaid.track('feed');
SET client_min_messages = warning;
CALL whosaid.backfill('feed');
RESET client_min_messages;
INSERT INTO feed VALUES (2, 'us', '"Sun," said Bob Jones.');
INSERT INTO feed_uk VALUES (3, 'uk', '"Fog," said Anna Lee.');
INSERT INTO feed_us_us VALUES (4, 'us', '"Snow," said Carl Rossi.');
COPY feed_uk FROM stdin;
5	uk	"Wind," said Dana Park.
\.
UPDATE feed_uk SET body = '"Hail," said Anna Lee.' WHERE id = 3;
UPDATE feed SET region = 'us' WHERE id = 5;
CREATE TABLE feed_ca PARTITION OF feed_us FOR VALUES IN ('ca');
INSERT INTO feed_ca VALUES (6, 'ca', '"Ice," said Erin Cole.');
CREATE TABLE feed_fr (id int NOT NULL, region text NOT NULL, body text);
INSERT INTO feed_fr VALUES (7, 'fr', '"Brume," said Jane Smith.'), (8, 'fr', '"Soleil," said Bob Jones.');
ALTER TABLE feed ATTACH PARTITION feed_fr FOR VALUES IN ('fr');
SELECT track_check('feed');
SELECT region, id, speaker FROM feed_quotes ORDER BY id;
SELECT * FROM whosaid_triggers WHERE rel LIKE 'feed%' ORDER BY rel COLLATE "C";
-- a partition is tracked through its partitioned table, not on its own
SELECT whosaid.track('feed_uk');
CALL whosaid.backfill('feed_uk');
SELECT whosaid.untrack('feed_uk');
-- detaching needs the derived rows gone first (their foreign key says so)
DELETE FROM feed_quotes WHERE region = 'fr';
DELETE FROM feed_actors WHERE region = 'fr';
ALTER TABLE feed DETACH PARTITION feed_fr;
INSERT INTO feed_fr VALUES (9, 'fr', '"Detached," said Jane Smith.');
SELECT * FROM whosaid_triggers WHERE rel = 'feed_fr';
SELECT track_check('feed');

-- partitioned by its time column, which is then part of the key: the views
-- take it from the derived tables
CREATE TABLE dated (id int, published date, body text, PRIMARY KEY (id, published)) PARTITION BY RANGE (published);
CREATE TABLE dated_2024 PARTITION OF dated FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
SELECT * FROM whosaid.track('dated');
INSERT INTO dated VALUES (1, '2024-03-01', '"Early," said Jane Smith.'), (2, '2024-09-01', '"Late," said Jane Smith.');
SELECT * FROM dated_top_speakers;
SELECT id, published, speaker FROM dated_who_said_what ORDER BY id;
SELECT whosaid.untrack('dated', drop_tables => true);
DROP TABLE dated;

-- renames of the body and key columns and of the derived tables are followed;
-- dropping a tracked column is refused
CREATE TABLE story (id int PRIMARY KEY, body text);
SELECT * FROM whosaid.track('story');
ALTER TABLE story RENAME COLUMN body TO story_text;
INSERT INTO story VALUES (1, '"One," said Jane Smith.');
ALTER TABLE story RENAME COLUMN id TO story_id;
INSERT INTO story VALUES (2, '"Two," said Bob Jones.');
ALTER TABLE story_quotes RENAME TO story_q;
CREATE SCHEMA derived;
ALTER TABLE story_actors SET SCHEMA derived;
INSERT INTO story VALUES (3, '"Three," said Anna Lee.');
UPDATE story SET story_text = '"Two again," said Carl Rossi.' WHERE story_id = 2;
ALTER TABLE feed RENAME COLUMN body TO feed_text;
INSERT INTO feed_uk VALUES (10, 'uk', '"Renamed," said Dana Park.');
SELECT relid, body_column, key_columns, quotes_table, actors_table FROM whosaid.tracked
WHERE relid IN ('feed'::regclass, 'story'::regclass) ORDER BY relid::text COLLATE "C";
SELECT track_check('story');
SELECT track_check('feed');
SELECT attname FROM pg_attribute WHERE attrelid = 'derived.story_actors'::regclass AND attnum = 1;
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'story'::regclass AND tgname LIKE 'whosaid%' ORDER BY tgname;
ALTER TABLE story DROP COLUMN story_text;
ALTER TABLE story DROP COLUMN story_id CASCADE;
ALTER TABLE feed DROP COLUMN region CASCADE;
INSERT INTO story VALUES (4, '"Still tracked," said Jane Smith.');
SELECT track_check('story');

-- a case-insensitive collation: a case-only change of the body is a change
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE memo (id int PRIMARY KEY, body text COLLATE case_insensitive);
SELECT * FROM whosaid.track('memo');
INSERT INTO memo VALUES (1, '"we will win," said jane smith.');
UPDATE memo SET body = '"We will win," said Jane Smith.';
SELECT track_check('memo');
SELECT id, n, speaker FROM memo_quotes ORDER BY 1, 2;

-- the triggers need no catalog row (as after pg_dump -n public and restore);
-- backfill() takes the table back into the catalog
DELETE FROM whosaid.tracked WHERE relid = 'memo'::regclass;
INSERT INTO memo VALUES (2, '"No catalog," said Bob Jones.');
UPDATE memo SET body = '"Still none," said Bob Jones.' WHERE id = 1;
SELECT track_check('memo');
SELECT whosaid.track('memo');
SET client_min_messages = warning;
CALL whosaid.backfill('memo', restart => true);
RESET client_min_messages;
SELECT relid, body_column, key_columns, quotes_table, actors_table, backfill_rows FROM whosaid.tracked
WHERE relid = 'memo'::regclass;

-- dropping: a tracked table takes its derived tables and views with it; a
-- dropped derived table ends the tracking; untrack() keeping the tables, then
-- untrack(drop_tables => true), drops them
-- which dependent objects a cascade lists first varies between runs
\set VERBOSITY terse
DROP TABLE memo CASCADE;
\set VERBOSITY default
SELECT relname FROM pg_class WHERE relname LIKE 'memo%' ORDER BY relname COLLATE "C";
-- which dependent objects a cascade lists first varies between runs
\set VERBOSITY terse
DROP TABLE story_q CASCADE;
\set VERBOSITY default
SELECT relid FROM whosaid.tracked WHERE relid = 'story'::regclass;
SELECT * FROM whosaid_triggers WHERE rel = 'story';
INSERT INTO story VALUES (5, '"Untracked now," said Jane Smith.');
SELECT relname FROM pg_class WHERE relname LIKE 'story%' ORDER BY relname COLLATE "C";
DROP TABLE story CASCADE;
DROP SCHEMA derived CASCADE;
SELECT whosaid.untrack('feed');
SELECT whosaid.untrack('feed');
SELECT whosaid.untrack('feed', drop_tables => true);
SELECT relname FROM pg_class WHERE relname LIKE 'feed%' ORDER BY relname COLLATE "C";
SELECT whosaid.untrack('feed', drop_tables => true);
DROP TABLE feed, feed_fr;

-- the event triggers leave other roles' DDL on other tables alone
CREATE ROLE regress_whosaid_plain;
GRANT CREATE ON SCHEMA public TO regress_whosaid_plain;
SET ROLE regress_whosaid_plain;
CREATE TABLE plain_t (id serial PRIMARY KEY, b text) PARTITION BY RANGE (id);
CREATE TABLE plain_t1 PARTITION OF plain_t FOR VALUES FROM (1) TO (100);
ALTER TABLE plain_t RENAME COLUMN b TO c;
ALTER TABLE plain_t DETACH PARTITION plain_t1;
ALTER TABLE plain_t ADD COLUMN d int;
ALTER TABLE plain_t DROP COLUMN d;
DROP TABLE plain_t, plain_t1;
RESET ROLE;
REVOKE CREATE ON SCHEMA public FROM regress_whosaid_plain;
DROP ROLE regress_whosaid_plain;

-- what the event triggers do (here extract an attached partition's rows)
-- runs as the role running the DDL, so the derived tables' own triggers and
-- constraints never run with more rights than that
CREATE ROLE regress_whosaid_owner;
GRANT USAGE ON SCHEMA whosaid TO regress_whosaid_owner;
GRANT CREATE ON SCHEMA public TO regress_whosaid_owner;
CREATE TABLE owned (id int, part int, body text, PRIMARY KEY (id, part)) PARTITION BY LIST (part);
SELECT * FROM whosaid.track('owned');
CREATE TABLE who_ran (who name);
GRANT INSERT ON who_ran TO PUBLIC;
CREATE FUNCTION note_user() RETURNS trigger LANGUAGE plpgsql
AS $$ BEGIN INSERT INTO public.who_ran VALUES (current_user); RETURN NULL; END $$;
CREATE TRIGGER note AFTER INSERT ON owned_quotes FOR EACH STATEMENT EXECUTE FUNCTION note_user();
ALTER TABLE owned OWNER TO regress_whosaid_owner;
ALTER TABLE owned_quotes OWNER TO regress_whosaid_owner;
ALTER TABLE owned_actors OWNER TO regress_whosaid_owner;
SET ROLE regress_whosaid_owner;
CREATE TABLE owned_9 (id int NOT NULL, part int NOT NULL, body text);
INSERT INTO owned_9 VALUES (1, 9, '"Mine," said Jane Smith.');
ALTER TABLE owned ATTACH PARTITION owned_9 FOR VALUES IN (9);
RESET ROLE;
SELECT * FROM who_ran;
SELECT id, part, speaker FROM owned_quotes;
-- which dependent objects a cascade lists first varies between runs
\set VERBOSITY terse
DROP TABLE owned CASCADE;
\set VERBOSITY default
DROP TABLE who_ran;
DROP FUNCTION note_user();
REVOKE CREATE ON SCHEMA public FROM regress_whosaid_owner;
REVOKE USAGE ON SCHEMA whosaid FROM regress_whosaid_owner;
DROP ROLE regress_whosaid_owner;

-- backfill commits per batch: in a transaction block it says what to do
CREATE TABLE note (id int PRIMARY KEY, body text);
SELECT * FROM whosaid.track('note');
BEGIN;
CALL whosaid.backfill('note');
ROLLBACK;
SELECT whosaid.untrack('note', drop_tables => true);
DROP TABLE note;

-- whosaid refuses a SQL_ASCII database (bytes of no known encoding)
SELECT current_database() AS regress_db \gset
CREATE DATABASE whosaid_sql_ascii ENCODING 'SQL_ASCII' LOCALE_PROVIDER libc LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c whosaid_sql_ascii
CREATE EXTENSION whosaid;
\c :regress_db
DROP DATABASE whosaid_sql_ascii;

DROP VIEW whosaid_triggers;
DROP FUNCTION track_check(regclass);
DROP COLLATION case_insensitive;
