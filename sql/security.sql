-- Security, in the style of rum's sql/security.sql: an unprivileged role with
-- CREATE on schema public plants look-alikes of the operators, functions and
-- types that whosaid's functions and generated SQL use (issue 21, item 5: a
-- public.=(varchar, varchar) called by track_update() made it superuser).
-- A superuser whose search_path puts public first then exercises every path,
-- on its own table and on the role's: no trap may fire, and the role stays
-- unprivileged.
CREATE ROLE regress_whosaid_mallory LOGIN;
GRANT CREATE ON SCHEMA public TO regress_whosaid_mallory;
SET ROLE regress_whosaid_mallory;

CREATE FUNCTION public.whosaid_trap(what text) RETURNS bool
LANGUAGE plpgsql AS $$
BEGIN
	RAISE WARNING 'trap % fired as %', what, current_user;
	IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) current_user) THEN
		EXECUTE 'ALTER ROLE regress_whosaid_mallory SUPERUSER';
	END IF;
	RETURN true;
END
$$;

-- Comparison operators on every type the extension compares, each doing the
-- real comparison after springing the trap.
DO $$
DECLARE
	ty text;
	op text;
BEGIN
	FOREACH ty IN ARRAY ARRAY['varchar', 'text', 'int4', 'int8', 'name', 'oid', 'regclass', 'timestamptz', '"char"'] LOOP
		FOREACH op IN ARRAY ARRAY['=', '<>', '<', '<=', '>', '>='] LOOP
			EXECUTE pg_catalog.format(
				'CREATE FUNCTION public.%I(a %s, b %s) RETURNS bool LANGUAGE sql'
				' RETURN public.whosaid_trap(%L) AND a OPERATOR(pg_catalog.%s) b',
				'trap_' || pg_catalog.md5(ty || op), ty, ty, op || ' on ' || ty, op);
			EXECUTE pg_catalog.format('CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = public.%I)',
									  op, ty, ty, 'trap_' || pg_catalog.md5(ty || op));
		END LOOP;
	END LOOP;
END
$$;

-- Functions the extension calls, and a type named text.
CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql
RETURN CASE WHEN public.whosaid_trap('now()') THEN pg_catalog.now() END;
CREATE FUNCTION public.clock_timestamp() RETURNS timestamptz LANGUAGE sql
RETURN CASE WHEN public.whosaid_trap('clock_timestamp()') THEN pg_catalog.clock_timestamp() END;
CREATE FUNCTION public.quote_ident(text) RETURNS text LANGUAGE sql
RETURN CASE WHEN public.whosaid_trap('quote_ident()') THEN pg_catalog.quote_ident($1) END;
CREATE FUNCTION public.array_to_string(anyarray, text) RETURNS text LANGUAGE sql
AS $$ SELECT CASE WHEN public.whosaid_trap('array_to_string()') THEN pg_catalog.array_to_string($1, $2) END $$;
CREATE FUNCTION public.unnest(anyarray) RETURNS SETOF anyelement LANGUAGE plpgsql AS $$
BEGIN
	PERFORM public.whosaid_trap('unnest()');
	RETURN QUERY SELECT pg_catalog.unnest($1);
END
$$;
CREATE DOMAIN public.text AS pg_catalog.text CHECK (public.whosaid_trap('cast to text'));

-- The role's own tracked table: composite key (text, int), varchar body.
CREATE TABLE public.m_news (
	region text,
	id int,
	published timestamptz NOT NULL DEFAULT '2024-05-01 12:00+00',
	body varchar,
	PRIMARY KEY (region, id));
INSERT INTO public.m_news (region, id, body) VALUES
	('eu', 1, '"We will win," said Jane Smith, the chief executive of Acme.');
SELECT * FROM whosaid.track('public.m_news');
RESET ROLE;

-- The superuser's table: varchar key and body.
CREATE TABLE public.s_news (
	id varchar PRIMARY KEY,
	published timestamptz NOT NULL DEFAULT '2024-05-01 12:00+00',
	body varchar);
INSERT INTO public.s_news (id, body) VALUES
	('a', '"It is too early to tell," said Bob Jones of MI5.');

-- Every path, with public first on the superuser's search_path.
SET search_path = public, pg_catalog;
SET client_min_messages = warning;
SELECT * FROM whosaid.track('s_news');
CALL whosaid.backfill('s_news', batch_size => 1);
CALL whosaid.backfill('m_news', batch_size => 1);
INSERT INTO s_news (id, body) VALUES
	('b', '"Nothing was hidden," said Anna Lee.'),
	('c', 'Sheryl Sandberg of Facebook met Andrew Parker of MI5.');
INSERT INTO m_news (region, id, body) VALUES
	('eu', 2, '"Nothing was hidden," said Anna Lee.'),
	('us', 1, 'Sheryl Sandberg of Facebook met Andrew Parker of MI5.');
UPDATE s_news SET body = '"We lost," said Jane Smith.' WHERE id OPERATOR(pg_catalog.=) 'a';
UPDATE m_news SET body = '"We lost," said Jane Smith.' WHERE (region, id) OPERATOR(pg_catalog.=) ('eu', 1);
UPDATE s_news SET published = '2024-06-01 12:00+00';
UPDATE m_news SET published = '2024-06-01 12:00+00';
UPDATE s_news SET id = 'z' WHERE id OPERATOR(pg_catalog.=) 'b';
DELETE FROM s_news WHERE id OPERATOR(pg_catalog.=) 'c';
DELETE FROM m_news WHERE id OPERATOR(pg_catalog.=) 2;
CALL whosaid.backfill('s_news', batch_size => 1, restart => true);
CALL whosaid.backfill('m_news', batch_size => 1, restart => true);
-- backfill pins its own path per transaction and gives the caller's back
SHOW search_path;
BEGIN;
CALL whosaid.backfill('m_news');
SHOW search_path;
COMMIT;
SELECT speaker, quotes, articles FROM whosaid.top_speakers('s_news', since => '2024-01-01', until => '2025-01-01');
SELECT speaker, quotes, articles FROM whosaid.top_speakers('m_news', since => '2024-01-01');
SELECT actor, kind, articles FROM whosaid.cooccurring_actors('m_news', 'MI5', until => '2025-01-01');
SELECT count(*) FROM s_news_who_said_what;
SELECT count(*) FROM m_news_named_actors;
SELECT count(*) FROM m_news_top_speakers;
SELECT count(*) FROM s_news_actor_pairs;
SELECT whosaid.untrack('m_news');
SELECT whosaid.untrack('s_news', drop_tables => true);
SELECT * FROM whosaid.track('s_news');
DROP TABLE s_news CASCADE;
DROP TABLE IF EXISTS s_news_quotes, s_news_actors CASCADE;  -- gone with s_news (sql_drop event trigger)
RESET search_path;
RESET client_min_messages;

-- No trap fired above (no WARNING), and the role is not superuser.
SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_whosaid_mallory';
SELECT relid FROM whosaid.tracked WHERE prefix IN ('m_news', 's_news');

DROP OWNED BY regress_whosaid_mallory;
REVOKE CREATE ON SCHEMA public FROM regress_whosaid_mallory;
DROP ROLE regress_whosaid_mallory;
