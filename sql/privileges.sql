-- The privilege model (docs/security.md; issue 21, items 6 and 7): ordinary
-- roles use the functions and types; a table owner tracks its own table;
-- writers need no grant on the derived tables; readers of the table read its
-- derived tables and views; the catalog whosaid.tracked is neither writable
-- nor lockable by others, shows only the rows of tables one may read, and
-- only the extension's functions write it.
CREATE ROLE regress_whosaid_owner LOGIN;
CREATE ROLE regress_whosaid_writer LOGIN;
CREATE ROLE regress_whosaid_reader LOGIN;
CREATE ROLE regress_whosaid_other LOGIN;
CREATE SCHEMA regress_news AUTHORIZATION regress_whosaid_owner;

-- any role: the functions, types and operators
SET ROLE regress_whosaid_other;
SELECT n, speaker, content FROM whosaid.quotes('"We will win," said Jane Smith.');
SELECT whosaid.to_actorvec('Jane Smith met MI5.') OPERATOR(whosaid.@@) 'MI5'::whosaid.actorquery AS matches;

-- a non-superuser owner tracks its own table; grants made before track() are
-- copied to the derived tables and views, and the NOTICE says so
SET ROLE regress_whosaid_owner;
CREATE TABLE regress_news.articles (id int PRIMARY KEY, body text);
INSERT INTO regress_news.articles VALUES (1, '"We will win," said Jane Smith.');
GRANT SELECT, INSERT, UPDATE, DELETE ON regress_news.articles TO regress_whosaid_writer;
GRANT SELECT ON regress_news.articles TO regress_whosaid_reader;
GRANT USAGE ON SCHEMA regress_news TO regress_whosaid_writer, regress_whosaid_reader, regress_whosaid_other;
SELECT * FROM whosaid.track('regress_news.articles');
SET client_min_messages = warning;
CALL whosaid.backfill('regress_news.articles');
RESET client_min_messages;
SELECT relname, relacl FROM pg_class
WHERE relnamespace = 'regress_news'::regnamespace AND relname LIKE 'articles_%' AND relkind IN ('r', 'v')
ORDER BY 1;

-- a writer inserts, updates and deletes with no grant on the derived tables
SET ROLE regress_whosaid_writer;
INSERT INTO regress_news.articles VALUES (2, '"No," said Bob Jones.'), (3, '"Maybe," said Ann Lee.');
UPDATE regress_news.articles SET body = '"Yes," said Bob Jones.' WHERE id = 2;
UPDATE regress_news.articles SET id = 4 WHERE id = 3;
DELETE FROM regress_news.articles WHERE id = 1;
-- the writer has no privilege on the derived tables itself
INSERT INTO regress_news.articles_quotes (id, n) VALUES (2, 99);

-- a reader reads the derived tables, the views, and the catalog row
SET ROLE regress_whosaid_reader;
SELECT id, n, speaker, content FROM regress_news.articles_quotes ORDER BY id, n;
SELECT id, speaker, content FROM regress_news.articles_who_said_what ORDER BY id;
SELECT speaker, quotes FROM whosaid.top_speakers('regress_news.articles') ORDER BY 1;
SELECT relid, key_types, backfill_after FROM whosaid.tracked;

-- another role sees no catalog row (no key values), cannot write or lock
-- the catalog, nor call the functions that write it
SET ROLE regress_whosaid_other;
SELECT relid, backfill_after FROM whosaid.tracked;
SELECT id FROM regress_news.articles_quotes;
UPDATE whosaid.tracked SET key_types = '{"int); SELECT 1; --"}';
INSERT INTO whosaid.tracked SELECT * FROM whosaid.tracked;
DELETE FROM whosaid.tracked;
BEGIN;
LOCK TABLE whosaid.tracked IN ACCESS EXCLUSIVE MODE;
ROLLBACK;
BEGIN;
LOCK TABLE whosaid.tracked IN ROW EXCLUSIVE MODE;
ROLLBACK;
SELECT whosaid._tracked_remove('regress_news.articles');
SELECT whosaid._tracked_progress('regress_news.articles', '{999}', 0, now());
SELECT whosaid._tracked_add('regress_news.articles', 'body', NULL, 'x',
							'regress_news.articles_quotes', 'regress_news.articles_actors');
SELECT whosaid._tracked_remove_definer('regress_news.articles');
SELECT whosaid.untrack('regress_news.articles');
CALL whosaid.backfill('regress_news.articles', restart => true);
SELECT whosaid.track('regress_news.articles');

-- the owner's row is intact
RESET ROLE;
SELECT relid, key_columns, key_types, backfill_after, backfill_rows, backfilled_at IS NOT NULL AS done
FROM whosaid.tracked WHERE relid = 'regress_news.articles'::regclass;

-- an owner without USAGE on schema whosaid: a short error, not the PL/pgSQL source
REVOKE USAGE ON SCHEMA whosaid FROM PUBLIC;
SET ROLE regress_whosaid_writer;
INSERT INTO regress_news.articles VALUES (5, 'x');
RESET ROLE;
GRANT USAGE ON SCHEMA whosaid TO PUBLIC;

-- the owner untracks its table
SET ROLE regress_whosaid_owner;
SELECT whosaid.untrack('regress_news.articles', drop_tables => true);
RESET ROLE;

DROP SCHEMA regress_news CASCADE;
DROP ROLE regress_whosaid_owner, regress_whosaid_writer, regress_whosaid_reader, regress_whosaid_other;
