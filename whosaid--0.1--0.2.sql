-- whosaid 0.1 -> 0.2 update script: ALTER EXTENSION whosaid UPDATE TO '0.2'.
-- It brings a 0.1 installation to exactly what whosaid--0.2.sql (src/sql/*.sql)
-- creates; test/cli/upgrade.sh compares the two databases object by object and
-- checks that tables tracked under 0.1 keep working. In order: the catalog
-- table, pieces new in 0.2 and changed attributes of 0.1's functions, every
-- new or changed function and procedure (drafted with test/update_draft.py
-- 0.1), privileges, then the tables tracked under 0.1. docs/upgrading.md says
-- what the update does to them.
\echo Use "ALTER EXTENSION whosaid UPDATE TO '0.2'" to load this file. \quit

-- ---------------------------------------------------------------- 15_encoding.sql (new in 0.2)
-- 0.2 refuses SQL_ASCII databases; so does the update.
DO $$
BEGIN
	IF pg_catalog.getdatabaseencoding() = 'SQL_ASCII' THEN
		RAISE EXCEPTION 'whosaid cannot be installed in a SQL_ASCII database'
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'In SQL_ASCII, text has no known encoding, so character spans and substr() would not agree.',
				  HINT = 'Create the database with ENCODING ''UTF8'' (CREATE DATABASE ... ENCODING ''UTF8'' TEMPLATE template0).';
	END IF;
END
$$;

-- ---------------------------------------------------------------- 40_track.sql: the catalog's privileges
-- Only the extension's functions write whosaid.tracked; a role reads the rows
-- of the tables it owns or may read.
DROP POLICY tracked_write ON whosaid.tracked;
ALTER POLICY tracked_read ON whosaid.tracked
	USING (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) relid), 'USAGE')
		OR pg_catalog.has_table_privilege(relid, 'SELECT'));
REVOKE ALL ON whosaid.tracked FROM PUBLIC;
GRANT SELECT ON whosaid.tracked TO PUBLIC;
COMMENT ON COLUMN whosaid.tracked.key_types IS
'the key columns'' types when tracked (informational: the functions read them from the table)';

-- ---------------------------------------------------------------- 30_actorvec.sql: planner estimates
-- ANALYZE keeps a sample of actorvec values, on which matchingsel estimates
-- the operators (ANALYZE the tables after the update to get the estimates).
CREATE FUNCTION whosaid.actorvec_typanalyze(internal) RETURNS bool
AS 'MODULE_PATHNAME', 'actorvec_typanalyze' LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.actorvec_typanalyze(internal) IS
'ANALYZE support: keeps a sample of the values, on which matchingsel estimates the operators';
ALTER TYPE whosaid.actorvec SET (ANALYZE = whosaid.actorvec_typanalyze);
ALTER OPERATOR whosaid.@@ (whosaid.actorvec, whosaid.actorquery) SET (RESTRICT = matchingsel, JOIN = matchingjoinsel);
ALTER OPERATOR whosaid.@@ (whosaid.actorquery, whosaid.actorvec) SET (RESTRICT = matchingsel, JOIN = matchingjoinsel);
ALTER OPERATOR whosaid.@> (whosaid.actorvec, whosaid.actorvec) SET (RESTRICT = matchingsel, JOIN = matchingjoinsel);
ALTER OPERATOR whosaid.<@ (whosaid.actorvec, whosaid.actorvec) SET (RESTRICT = matchingsel, JOIN = matchingjoinsel);
ALTER OPERATOR whosaid.&& (whosaid.actorvec, whosaid.actorvec) SET (RESTRICT = matchingsel, JOIN = matchingjoinsel);

-- ---------------------------------------------------------------- 35_function_forms.sql (new in 0.2)
CREATE FUNCTION whosaid.actorvec_support(internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'actorvec_support' LANGUAGE C STRICT;
COMMENT ON FUNCTION whosaid.actorvec_support(internal) IS
'planner support of the actorvec operators'' function forms: the indexable operator clause, and the operator''s selectivity';

ALTER FUNCTION whosaid.actorvec_matches(whosaid.actorvec, whosaid.actorquery) SUPPORT whosaid.actorvec_support;
ALTER FUNCTION whosaid.actorquery_matches(whosaid.actorquery, whosaid.actorvec) SUPPORT whosaid.actorvec_support;
ALTER FUNCTION whosaid.actorvec_contains(whosaid.actorvec, whosaid.actorvec) SUPPORT whosaid.actorvec_support;
ALTER FUNCTION whosaid.actorvec_contained(whosaid.actorvec, whosaid.actorvec) SUPPORT whosaid.actorvec_support;
ALTER FUNCTION whosaid.actorvec_overlaps(whosaid.actorvec, whosaid.actorvec) SUPPORT whosaid.actorvec_support;

CREATE FUNCTION whosaid.matches(actors whosaid.actorvec, query whosaid.actorquery)
RETURNS bool
AS 'MODULE_PATHNAME', 'actorvec_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SUPPORT whosaid.actorvec_support;
COMMENT ON FUNCTION whosaid.matches(whosaid.actorvec, whosaid.actorquery) IS
'actors @@ query as a function that keeps the GIN index, for sessions without whosaid on their search_path';

-- ---------------------------------------------------------------- 35_claimvec.sql (new in 0.2)
-- 35_claimvec.sql — claim layer: the claimvec type (a quotation normalised
-- for matching), claim_similarity(), the % operator and its function form
-- claim_matches(), and the default GIN operator class. Mirrors pg_trgm's
-- similarity / % / similarity_threshold. See docs/claims.md.

CREATE TYPE whosaid.claimvec;

CREATE FUNCTION whosaid.claimvec_in(cstring) RETURNS whosaid.claimvec
AS 'MODULE_PATHNAME', 'claimvec_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_out(whosaid.claimvec) RETURNS cstring
AS 'MODULE_PATHNAME', 'claimvec_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_recv(internal) RETURNS whosaid.claimvec
AS 'MODULE_PATHNAME', 'claimvec_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_send(whosaid.claimvec) RETURNS bytea
AS 'MODULE_PATHNAME', 'claimvec_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE whosaid.claimvec (
    INPUT = whosaid.claimvec_in,
    OUTPUT = whosaid.claimvec_out,
    RECEIVE = whosaid.claimvec_recv,
    SEND = whosaid.claimvec_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);

COMMENT ON TYPE whosaid.claimvec IS
'a quotation normalised for matching: case- and accent-folded words, punctuation and quotation marks ignored, segments split at ellipses; stored as sorted hashed grams of one and two words';
COMMENT ON FUNCTION whosaid.claimvec_in(cstring) IS
'claimvec input: any text, normalised as whosaid.to_claimvec() does';
COMMENT ON FUNCTION whosaid.claimvec_out(whosaid.claimvec) IS
'claimvec output: the normalised words, segments separated by …';
COMMENT ON FUNCTION whosaid.claimvec_recv(internal) IS 'claimvec binary input';
COMMENT ON FUNCTION whosaid.claimvec_send(whosaid.claimvec) IS 'claimvec binary output';

CREATE FUNCTION whosaid.to_claimvec(quote text) RETURNS whosaid.claimvec
AS 'MODULE_PATHNAME', 'to_claimvec' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.to_claimvec(text) IS
'a quotation (or a fragment, or a paragraph) normalised for matching; usable in a generated column or an expression index';

CREATE FUNCTION whosaid.claim_similarity(a whosaid.claimvec, b whosaid.claimvec) RETURNS real
AS 'MODULE_PATHNAME', 'claim_similarity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 100;
COMMENT ON FUNCTION whosaid.claim_similarity(whosaid.claimvec, whosaid.claimvec) IS
'how much of the shorter quotation is in the longer (0 to 1): 0.99 x containment + 0.01 x length ratio, so the closer length wins a tie and an identical quotation scores 1';

CREATE FUNCTION whosaid.claim_words(whosaid.claimvec) RETURNS int
AS 'MODULE_PATHNAME', 'claim_words' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.claim_words(whosaid.claimvec) IS
'the number of words of a claimvec, over all its segments';

-- % reads whosaid.claim_threshold, hence STABLE (as pg_trgm's similarity_op)
CREATE FUNCTION whosaid.claimvec_similar(whosaid.claimvec, whosaid.claimvec) RETURNS bool
AS 'MODULE_PATHNAME', 'claimvec_similar' LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 100;
COMMENT ON FUNCTION whosaid.claimvec_similar(whosaid.claimvec, whosaid.claimvec) IS
'implementation of %: claim_similarity(a, b) >= whosaid.claim_threshold';

CREATE OPERATOR whosaid.% (
    LEFTARG = whosaid.claimvec, RIGHTARG = whosaid.claimvec,
    FUNCTION = whosaid.claimvec_similar,
    COMMUTATOR = OPERATOR(whosaid.%),
    RESTRICT = matchingsel, JOIN = matchingjoinsel
);
COMMENT ON OPERATOR whosaid.% (whosaid.claimvec, whosaid.claimvec) IS
'same claim: claim_similarity >= whosaid.claim_threshold';

-- the function form works without whosaid in search_path and keeps the index
CREATE FUNCTION whosaid.claim_matches_support(internal) RETURNS internal
AS 'MODULE_PATHNAME', 'claim_matches_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.claim_matches_support(internal) IS
'planner support for claim_matches(): the indexable % clause';
CREATE FUNCTION whosaid.claim_matches(a whosaid.claimvec, b whosaid.claimvec) RETURNS bool
AS 'MODULE_PATHNAME', 'claim_matches' LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 100
SUPPORT whosaid.claim_matches_support;
COMMENT ON FUNCTION whosaid.claim_matches(whosaid.claimvec, whosaid.claimvec) IS
'a % b as a function: same claim at whosaid.claim_threshold; uses a GIN index on either argument';

-- ---------------------------------------------------------------- GIN

CREATE FUNCTION whosaid.claimvec_gin_extract_value(whosaid.claimvec, internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'claimvec_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_gin_extract_query(whosaid.claimvec, internal, int2, internal, internal, internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'claimvec_gin_extract_query' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_gin_consistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal, internal)
RETURNS bool
AS 'MODULE_PATHNAME', 'claimvec_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_gin_triconsistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal)
RETURNS "char"
AS 'MODULE_PATHNAME', 'claimvec_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION whosaid.claimvec_gin_extract_value(whosaid.claimvec, internal, internal) IS
'GIN support: int4 keys of a claimvec (its grams, and its features flagged)';
COMMENT ON FUNCTION whosaid.claimvec_gin_extract_query(whosaid.claimvec, internal, int2, internal, internal, internal, internal) IS
'GIN support: keys of a % query at the current whosaid.claim_threshold';
COMMENT ON FUNCTION whosaid.claimvec_gin_consistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal, internal) IS
'GIN support: can a row with these keys reach the threshold?';
COMMENT ON FUNCTION whosaid.claimvec_gin_triconsistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal) IS
'GIN support: three-valued consistent';

CREATE OPERATOR CLASS whosaid.claimvec_ops
DEFAULT FOR TYPE whosaid.claimvec USING gin AS
    OPERATOR 1 whosaid.% (whosaid.claimvec, whosaid.claimvec),
    FUNCTION 1 btint4cmp(int4, int4),
    FUNCTION 2 whosaid.claimvec_gin_extract_value(whosaid.claimvec, internal, internal),
    FUNCTION 3 whosaid.claimvec_gin_extract_query(whosaid.claimvec, internal, int2, internal, internal, internal, internal),
    FUNCTION 4 whosaid.claimvec_gin_consistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal, internal),
    FUNCTION 6 whosaid.claimvec_gin_triconsistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal),
    STORAGE int4;

COMMENT ON OPERATOR CLASS whosaid.claimvec_ops USING gin IS
'default GIN operator class for claimvec: % (same claim at whosaid.claim_threshold)';

-- ---------------------------------------------------------------- 10_quotes.sql: quote_parts (new in 0.2)
CREATE FUNCTION whosaid.quote_parts(body text)
RETURNS TABLE (
    n            int,
    part         int,
    content_span int4range)
AS 'MODULE_PATHNAME', 'quote_parts'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 12;

COMMENT ON FUNCTION whosaid.quote_parts(text) IS
'the stretches of each quote of quotes() (n), one row per part in text order; a split quote ("…," she said. "…") has several';

-- ---------------------------------------------------------------- 70_costs.sql (new in 0.2)
ALTER FUNCTION whosaid.quotes(text) COST 80;
ALTER FUNCTION whosaid.quote_parts(text) COST 80;
ALTER FUNCTION whosaid.actors(text) COST 55;
ALTER FUNCTION whosaid.mentions(text) COST 60;
ALTER FUNCTION whosaid.to_actorvec(text) COST 75;
ALTER FUNCTION whosaid.highlight(text, whosaid.actorquery, text) COST 100;

-- ---------------------------------------------------------------- routines
-- New and changed functions and procedures (drafted with test/update_draft.py 0.1).

CREATE OR REPLACE FUNCTION whosaid._track_key_types(tbl regclass, key_columns name[])
 RETURNS text[]
 LANGUAGE sql
 STABLE PARALLEL SAFE
RETURN (SELECT array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY u.i) AS array_agg FROM (unnest(_track_key_types.key_columns) WITH ORDINALITY u(k, i) JOIN pg_attribute a ON (((a.attrelid = (_track_key_types.tbl)::oid) AND (a.attname = u.k) AND (NOT a.attisdropped)))));
COMMENT ON FUNCTION whosaid._track_key_types(regclass,name[]) IS 'internal: the SQL types of the given columns of a table';

CREATE OR REPLACE FUNCTION whosaid._track_qualified(rel regclass)
 RETURNS text
 LANGUAGE sql
 STABLE PARALLEL SAFE
RETURN (SELECT format('%I.%I'::text, n.nspname, c.relname) AS format FROM (pg_class c JOIN pg_namespace n ON ((n.oid = c.relnamespace))) WHERE (c.oid = (_track_qualified.rel)::oid));
COMMENT ON FUNCTION whosaid._track_qualified(regclass) IS 'internal: the schema-qualified, quoted name of a relation';

CREATE OR REPLACE FUNCTION whosaid._track_args(t whosaid.tracked)
 RETURNS text[]
 LANGUAGE sql
 STABLE PARALLEL SAFE
RETURN (ARRAY[whosaid._track_qualified((t).quotes_table), whosaid._track_qualified((t).actors_table), ((t).body_column)::text] || ((t).key_columns)::text[]);
COMMENT ON FUNCTION whosaid._track_args(whosaid.tracked) IS 'internal: the arguments of the triggers of a tracked table (quotes table, actors table, body, keys)';

CREATE OR REPLACE FUNCTION whosaid._track_config(rel regclass, args text[])
 RETURNS whosaid.tracked
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked;
BEGIN
	IF pg_catalog.cardinality(args) < 4 THEN
		RAISE EXCEPTION 'trigger of table % has % arguments, expected at least 4', rel, pg_catalog.cardinality(args)
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = format('Call whosaid.untrack(%L) and whosaid.track() again.', rel::text);
	END IF;
	args := args[array_lower(args, 1):array_upper(args, 1)];	-- TG_ARGV counts from 0
	t.relid := rel;
	t.quotes_table := args[1]::regclass;
	t.actors_table := args[2]::regclass;
	t.body_column := args[3];
	t.key_columns := args[4:];
	-- t.key_types stays NULL: only the row-by-row path needs it (whosaid._track_extract_row)
	RETURN t;
END
$function$;
COMMENT ON FUNCTION whosaid._track_config(regclass,text[]) IS 'internal: the configuration of a tracked table from its triggers'' arguments';

CREATE OR REPLACE FUNCTION whosaid._track_trigger_args(tgargs bytea)
 RETURNS text[]
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	r text[] := '{}';
	p int;
BEGIN
	LOOP
		p := position('\x00'::bytea IN tgargs);
		EXIT WHEN p = 0;
		r := r || convert_from(substring(tgargs FROM 1 FOR p - 1), pg_catalog.getdatabaseencoding());
		tgargs := substring(tgargs FROM p + 1);
	END LOOP;
	RETURN r;
END
$function$;
COMMENT ON FUNCTION whosaid._track_trigger_args(bytea) IS 'internal: the arguments of a trigger as text[]';

CREATE OR REPLACE FUNCTION whosaid._track_extract_row(t whosaid.tracked, k text[], b text, on_conflict boolean)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
	IF t.key_types IS NULL THEN
		t.key_types := whosaid._track_key_types(t.relid, t.key_columns);
	END IF;
	EXECUTE whosaid._track_insert_sql(t, whosaid._track_row_src(t), on_conflict) USING k, b;
EXCEPTION WHEN data_exception OR integrity_constraint_violation OR program_limit_exceeded THEN
	RAISE WARNING 'cannot extract quotes and actors of row % of table %: %', k, t.relid, SQLERRM
		USING HINT = 'The row is stored without them; UPDATE its body to try again.';
END
$function$;
COMMENT ON FUNCTION whosaid._track_extract_row(whosaid.tracked,text[],text,boolean) IS 'internal: extracts one row into the derived tables; an error due to its text is a WARNING';

CREATE OR REPLACE FUNCTION whosaid._track_insert()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked := whosaid._track_config(TG_RELID, TG_ARGV);
	k text[];
	b text;
	cf record;
	ctab regclass;
	ktab regclass;
	ids bigint[];
	settings text[];
BEGIN
	BEGIN
		-- a bulk write to a table with claims (55_claims.sql): its quotes are
		-- written once, with their claims, under the lock of the claims table
		IF (SELECT count(*) FROM whosaid_new) > whosaid._claims_bulk_rows() THEN
			cf := whosaid._claims_config(t.quotes_table, ARRAY[t.relid::text]);
			ctab := whosaid._claims_table(cf.t);
		END IF;
		IF ctab IS NOT NULL THEN
			ktab := whosaid._claims_table(cf.t, '_claim_anchors');
			PERFORM pg_advisory_xact_lock(ctab::oid::int8);
			settings := ARRAY[current_setting('enable_nestloop'), current_setting('jit')];
			PERFORM set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true);
			EXECUTE whosaid._track_insert_sql(t, 'whosaid_new', false, NULL,
											  whosaid._claims_assign_sql(cf.t, ctab, ktab, 'qx', true)) INTO ids;
			IF ids IS NOT NULL THEN
				EXECUTE whosaid._claims_recount_sql(cf.t, ctab, ktab) USING ids, now();
			END IF;
			PERFORM set_config('enable_nestloop', settings[1], true), set_config('jit', settings[2], true);
		ELSE
			EXECUTE whosaid._track_insert_sql(t, 'whosaid_new', false);
		END IF;
	EXCEPTION WHEN data_exception OR integrity_constraint_violation OR program_limit_exceeded THEN
		FOR k, b IN EXECUTE whosaid._track_rows_sql(t, 'whosaid_new') LOOP
			PERFORM whosaid._track_extract_row(t, k, b, false);
		END LOOP;
	END;
	RETURN NULL;
END
$function$;
COMMENT ON FUNCTION whosaid._track_insert() IS 'internal: body of whosaid.track_insert(), run as the owner of the tracked table';

CREATE OR REPLACE FUNCTION whosaid._track_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked := whosaid._track_config(TG_RELID, TG_ARGV);
	changed text;
	k text[];
	b text;
BEGIN
	changed := format('(SELECT n.* FROM whosaid_new n WHERE NOT EXISTS (SELECT FROM whosaid_old o'
					  ' WHERE %s AND o.%I::pg_catalog.text COLLATE pg_catalog."C"'
					  ' IS NOT DISTINCT FROM n.%I::pg_catalog.text COLLATE pg_catalog."C"))',
					  whosaid._track_join(t, 'o', 'n'), t.body_column, t.body_column);
	EXECUTE format('DELETE FROM %s d USING %s c WHERE %s',
				   t.quotes_table, changed, whosaid._track_join(t, 'd', 'c'));
	EXECUTE format('DELETE FROM %s d USING %s c WHERE %s',
				   t.actors_table, changed, whosaid._track_join(t, 'd', 'c'));
	BEGIN
		EXECUTE whosaid._track_insert_sql(t, changed, false);
	EXCEPTION WHEN data_exception OR integrity_constraint_violation OR program_limit_exceeded THEN
		FOR k, b IN EXECUTE whosaid._track_rows_sql(t, changed) LOOP
			PERFORM whosaid._track_extract_row(t, k, b, false);
		END LOOP;
	END;
	RETURN NULL;
END
$function$;
COMMENT ON FUNCTION whosaid._track_update() IS 'internal: body of whosaid.track_update(), run as the owner of the tracked table';

CREATE OR REPLACE FUNCTION whosaid._track_triggers(t whosaid.tracked, extract_new boolean)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	args text[] := whosaid._track_args(t);
	want bytea := (SELECT string_agg(convert_to(a, pg_catalog.getdatabaseencoding()) || '\x00'::bytea, ''::bytea ORDER BY i)
				   FROM unnest(args) WITH ORDINALITY AS u(a, i));
	arglist text := (SELECT string_agg(quote_literal(a), ', ' ORDER BY i) FROM unnest(args) WITH ORDINALITY AS u(a, i));
	member record;
	pt whosaid.tracked;
	k text[];
	b text;
	shards oid[];
BEGIN
	FOR member IN
		SELECT m.relid, c.relkind, m.relid <> t.relid AS is_partition,
			   (SELECT g.tgargs FROM pg_catalog.pg_trigger g
				WHERE g.tgrelid = m.relid AND g.tgname = 'whosaid_track_insert') AS has_args,
			   (SELECT g.tgargs FROM pg_catalog.pg_trigger g
				WHERE g.tgrelid = m.relid AND g.tgname = 'whosaid_track_update') AS has_upd_args
		FROM (SELECT p.relid FROM pg_catalog.pg_partition_tree(t.relid) p UNION SELECT t.relid) m
			JOIN pg_catalog.pg_class c ON c.oid = m.relid
	LOOP
		CONTINUE WHEN member.has_args IS NOT DISTINCT FROM want AND member.has_upd_args IS NOT DISTINCT FROM want
			AND member.has_args IS NOT NULL;
		IF member.has_args IS NOT NULL THEN
			EXECUTE format('DROP TRIGGER whosaid_track_insert ON %s', member.relid::regclass);
		END IF;
		IF member.has_upd_args IS NOT NULL THEN
			EXECUTE format('DROP TRIGGER whosaid_track_update ON %s', member.relid::regclass);
		END IF;
		EXECUTE format('CREATE TRIGGER whosaid_track_insert AFTER INSERT ON %s'
					   ' REFERENCING NEW TABLE AS whosaid_new'
					   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.track_insert(%s)', member.relid::regclass, arglist);
		EXECUTE format('CREATE TRIGGER whosaid_track_update AFTER UPDATE ON %s'
					   ' REFERENCING OLD TABLE AS whosaid_old NEW TABLE AS whosaid_new'
					   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.track_update(%s)', member.relid::regclass, arglist);
		-- a partition new to the tree: its rows arrived without a trigger
		IF extract_new AND member.is_partition AND member.has_args IS NULL AND member.relkind = 'r' THEN
			pt := whosaid._track_config(member.relid, args);
			BEGIN
				EXECUTE whosaid._track_insert_sql(pt, member.relid::regclass::text, true);
			EXCEPTION WHEN data_exception OR integrity_constraint_violation OR program_limit_exceeded THEN
				FOR k, b IN EXECUTE whosaid._track_rows_sql(pt, member.relid::regclass::text) LOOP
					PERFORM whosaid._track_extract_row(pt, k, b, true);
				END LOOP;
			END;
		END IF;
	END LOOP;

	-- Citus's shard of a Citus local table holds its rows and a copy of its triggers,
	-- made by Citus; it keeps them. Citus's metadata is read only when it is there.
	IF pg_catalog.to_regclass('pg_catalog.pg_dist_shard') IS NOT NULL THEN
		EXECUTE 'SELECT pg_catalog.array_agg(c.oid) FROM pg_catalog.pg_dist_shard s'
				' JOIN pg_catalog.pg_class r ON r.oid = s.logicalrelid'
				' JOIN pg_catalog.pg_class c ON c.relnamespace = r.relnamespace AND c.relname ='
				' (SELECT i[pg_catalog.array_upper(i, 1)] FROM pg_catalog.parse_ident(pg_catalog.shard_name(s.logicalrelid, s.shardid)) i)'
				' WHERE s.logicalrelid = $1'
			INTO shards USING t.relid;
	END IF;

	-- detached partitions keep no trigger writing into this table's derived tables
	FOR member IN
		SELECT g.tgrelid FROM pg_catalog.pg_trigger g
		WHERE g.tgname = 'whosaid_track_insert' AND g.tgargs = want
			AND g.tgrelid <> t.relid
			AND g.tgrelid NOT IN (SELECT p.relid FROM pg_catalog.pg_partition_tree(t.relid) p)
			AND g.tgrelid <> ALL (coalesce(shards, '{}'))
	LOOP
		EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_insert ON %s', member.tgrelid::regclass);
		EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_update ON %s', member.tgrelid::regclass);
	END LOOP;
END
$function$;
COMMENT ON FUNCTION whosaid._track_triggers(whosaid.tracked,boolean) IS 'internal: creates or refreshes the triggers of a tracked table and its partitions';

CREATE OR REPLACE FUNCTION whosaid._track_keys_rel(t whosaid.tracked, param integer)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN format('(SELECT %s FROM unnest($%s::pg_catalog.text[]) AS x(k))'::text, (SELECT string_agg(format('(x.k::pg_catalog.text[])[%s]::%s AS %I'::text, i.i, (_track_keys_rel.t).key_types[i.i], (_track_keys_rel.t).key_columns[i.i]), ', '::text ORDER BY i.i) AS string_agg FROM generate_subscripts((_track_keys_rel.t).key_columns, 1) i(i)), param);
COMMENT ON FUNCTION whosaid._track_keys_rel(whosaid.tracked,integer) IS 'internal: keys passed as text forms of text[] in a text[] parameter, as a relation of the key columns';

CREATE OR REPLACE FUNCTION whosaid._track_key_eq(t whosaid.tracked, param integer)
 RETURNS text
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
	RETURN (SELECT string_agg(format('%I %s $%s[%s]::%s', k, op, param, i, t.key_types[i]), ' AND ' ORDER BY i)
			FROM unnest(t.key_columns, whosaid._track_key_ops(t.relid, 3)) WITH ORDINALITY AS u(k, op, i));
END
$function$;
COMMENT ON FUNCTION whosaid._track_key_eq(whosaid.tracked,integer) IS 'internal: the condition keys = the key position in a text[] parameter, with qualified operators';

CREATE OR REPLACE FUNCTION whosaid._track_in_transaction_block()
 RETURNS boolean
 LANGUAGE c
 STRICT
AS 'MODULE_PATHNAME', $function$_track_in_transaction_block$function$;
COMMENT ON FUNCTION whosaid._track_in_transaction_block() IS 'internal: whether the caller is inside a transaction block, where a procedure cannot commit';

CREATE OR REPLACE FUNCTION whosaid._tracked_dropped()
 RETURNS SETOF whosaid.tracked
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
	SELECT w.* FROM whosaid.tracked w
	WHERE EXISTS (SELECT FROM pg_event_trigger_dropped_objects() o
				  WHERE o.classid = 'pg_catalog.pg_class'::regclass AND o.objsubid = 0
					AND o.objid IN (w.relid, w.quotes_table, w.actors_table))
$function$;
COMMENT ON FUNCTION whosaid._tracked_dropped() IS 'internal: in a sql_drop event trigger, the whosaid.tracked rows of the tables being dropped';

CREATE OR REPLACE FUNCTION whosaid._tracked_rename(tbl regclass, body_column name)
 RETURNS void
 LANGUAGE c
AS 'MODULE_PATHNAME', $function$owner_gate$function$;
COMMENT ON FUNCTION whosaid._tracked_rename(regclass,name) IS 'internal: records the current body and key column names of a tracked table; the caller must own it';

CREATE OR REPLACE FUNCTION whosaid._tracked_rename_definer(tbl regclass, body_column name)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_attribute a
				   WHERE a.attrelid = tbl AND a.attname = body_column AND a.attnum > 0 AND NOT a.attisdropped) THEN
		RAISE EXCEPTION 'column "%" of table % does not exist', body_column, tbl
			USING ERRCODE = 'undefined_column';
	END IF;
	UPDATE whosaid.tracked w
	SET body_column = _tracked_rename_definer.body_column,
		key_columns = (SELECT p.key_columns FROM whosaid._track_pk(tbl) p),
		key_types = (SELECT p.key_types FROM whosaid._track_pk(tbl) p)
	WHERE w.relid OPERATOR(pg_catalog.=) tbl;
END
$function$;
COMMENT ON FUNCTION whosaid._tracked_rename_definer(regclass,name) IS 'internal: body of whosaid._tracked_rename()';

CREATE OR REPLACE FUNCTION whosaid.tracked_cascade()
 RETURNS event_trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	d record;
	t whosaid.tracked;
	member regclass;
	survivors text;
BEGIN
	-- Nothing of whosaid's among the dropped objects: return before naming
	-- anything in schema whosaid, which the role dropping may not even see.
	IF NOT EXISTS (
		SELECT FROM pg_event_trigger_dropped_objects() o
		WHERE (o.object_type = 'trigger' AND o.object_identity LIKE 'whosaid\_track\_insert on %')
		   OR (o.object_type = 'table column'
			   AND EXISTS (SELECT FROM pg_catalog.pg_trigger g
						   WHERE g.tgrelid = o.objid AND g.tgname = 'whosaid_track_insert'))
		   OR (o.object_type = 'table'
			   AND EXISTS (SELECT FROM pg_catalog.pg_trigger g
						   WHERE g.tgname = 'whosaid_track_insert'
							 AND position(convert_to(o.object_identity, pg_catalog.getdatabaseencoding()) || '\x00'::bytea
										  IN g.tgargs) > 0))) THEN
		RETURN;
	END IF;
	FOR d IN
		SELECT o.objid, o.address_names[3] AS col, whosaid._track_trigger_args(g.tgargs) AS args
		FROM pg_event_trigger_dropped_objects() o
			JOIN pg_catalog.pg_trigger g ON g.tgrelid = o.objid AND g.tgname = 'whosaid_track_insert'
		WHERE o.object_type = 'table column'
	LOOP
		IF d.col = ANY (d.args[3:]) THEN
			RAISE EXCEPTION 'cannot drop column % of table % because whosaid tracks it', quote_ident(d.col), d.objid::regclass
				USING ERRCODE = 'dependent_objects_still_exist',
					  DETAIL = CASE WHEN d.col = d.args[3] THEN 'It is the body whose quotes and actors are extracted.'
								   ELSE 'It is part of the key the quotes and actors tables refer to.' END,
					  HINT = format('Call whosaid.untrack(%L) first (with drop_tables => true to drop %s and %s too).',
									d.objid::regclass::text, d.args[1], d.args[2]);
		END IF;
	END LOOP;

	FOR t IN SELECT * FROM whosaid._tracked_dropped() LOOP
		IF EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = t.relid) THEN
			-- a derived table went: the triggers would fail on every write
			FOR member IN SELECT p.relid FROM pg_catalog.pg_partition_tree(t.relid) p UNION SELECT t.relid LOOP
				EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_insert ON %s', member);
				EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_update ON %s', member);
			END LOOP;
			IF EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid IN (t.quotes_table, t.actors_table)) THEN
				PERFORM whosaid._track_drop_views(t);
			END IF;
		ELSE
			-- the tracked table went: its derived tables (and their views and claims) go too
			PERFORM whosaid._claims_drop(t);
			SELECT string_agg(whosaid._track_qualified(c.oid::regclass), ', ') INTO survivors
			FROM pg_catalog.pg_class c WHERE c.oid IN (t.quotes_table, t.actors_table);
			IF survivors IS NOT NULL THEN
				EXECUTE format('DROP TABLE %s CASCADE', survivors);
			END IF;
		END IF;
	END LOOP;
END
$function$;
COMMENT ON FUNCTION whosaid.tracked_cascade() IS 'event trigger: refuses to drop tracked columns; drops the derived tables of dropped tracked tables; stops tracking when a derived table is dropped';

CREATE OR REPLACE FUNCTION whosaid.tracked_ddl()
 RETURNS event_trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked;
	newname name;
	base_keys name[];
	side_keys name[];
	i int;
	side regclass;
BEGIN
	-- No table of the command is tracked, a partition of one or a derived
	-- table: return before naming anything in schema whosaid, which the role
	-- running the DDL may not even see.
	IF NOT EXISTS (
		SELECT FROM pg_event_trigger_ddl_commands() c
		WHERE c.classid = 'pg_catalog.pg_class'::regclass
			AND EXISTS (SELECT FROM pg_catalog.pg_trigger g
						WHERE g.tgname = 'whosaid_track_insert'
							AND (g.tgrelid IN (SELECT a.relid FROM pg_catalog.pg_partition_ancestors(c.objid) a)
								 OR g.tgrelid = c.objid
								 OR g.tgrelid IN (SELECT f.confrelid FROM pg_catalog.pg_constraint f
												  WHERE f.conrelid = c.objid AND f.contype = 'f')))) THEN
		RETURN;
	END IF;
	FOR t IN
		SELECT DISTINCT ON (w.relid) w.*
		FROM whosaid.tracked w, pg_event_trigger_ddl_commands() c
		WHERE c.classid = 'pg_catalog.pg_class'::regclass
			AND (c.objid IN (w.relid, w.quotes_table, w.actors_table)
				 OR w.relid IN (SELECT a.relid FROM pg_catalog.pg_partition_ancestors(c.objid) a))
	LOOP
		-- no trigger on the table itself: being restored by pg_restore (its
		-- triggers come last), or broken; either way not ours to complete
		CONTINUE WHEN NOT EXISTS (SELECT FROM pg_catalog.pg_trigger g
								  WHERE g.tgrelid = t.relid AND g.tgname = 'whosaid_track_insert');
		IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a
					   WHERE a.attrelid = t.relid AND a.attname = t.body_column AND a.attnum > 0 AND NOT a.attisdropped) THEN
			SELECT a.attname INTO newname
			FROM pg_event_trigger_ddl_commands() c
				JOIN pg_catalog.pg_attribute a ON a.attrelid = c.objid AND a.attnum = c.objsubid
			WHERE c.objid = t.relid AND c.objsubid > 0 AND NOT a.attisdropped;
			IF newname IS NULL THEN
				RAISE EXCEPTION 'column "%" of table % is tracked by whosaid and no longer exists', t.body_column, t.relid
					USING ERRCODE = 'undefined_column',
						  HINT = format('Call whosaid.untrack(%L) first.', t.relid::text);
			END IF;
			t.body_column := newname;
		END IF;

		-- the key columns as they are named now: the foreign key knows them by number
		SELECT array_agg(ba.attname ORDER BY k.i), array_agg(sa.attname ORDER BY k.i)
		INTO base_keys, side_keys
		FROM pg_catalog.pg_constraint f
			CROSS JOIN LATERAL unnest(f.confkey, f.conkey) WITH ORDINALITY AS k(bnum, snum, i)
			JOIN pg_catalog.pg_attribute ba ON ba.attrelid = f.confrelid AND ba.attnum = k.bnum
			JOIN pg_catalog.pg_attribute sa ON sa.attrelid = f.conrelid AND sa.attnum = k.snum
		WHERE f.contype = 'f' AND f.conrelid = t.quotes_table AND f.confrelid = t.relid AND f.conparentid = 0;
		IF base_keys IS NOT NULL AND base_keys IS DISTINCT FROM t.key_columns THEN
			t.key_columns := base_keys;
		END IF;

		IF EXISTS (SELECT FROM whosaid.tracked w WHERE w.relid = t.relid
				   AND (w.body_column, w.key_columns) IS DISTINCT FROM (t.body_column, t.key_columns)) THEN
			PERFORM whosaid._tracked_rename(t.relid, t.body_column);
		END IF;

		-- the derived tables' key columns keep the tracked table's names
		IF base_keys IS NOT NULL THEN
			FOR i IN 1 .. pg_catalog.cardinality(base_keys) LOOP
				CONTINUE WHEN base_keys[i] = side_keys[i];
				FOREACH side IN ARRAY ARRAY[t.quotes_table, t.actors_table] LOOP
					IF EXISTS (SELECT FROM pg_catalog.pg_attribute a
							   WHERE a.attrelid = side AND a.attname = side_keys[i] AND NOT a.attisdropped) THEN
						EXECUTE format('ALTER TABLE %s RENAME COLUMN %I TO %I', side, side_keys[i], base_keys[i]);
					END IF;
				END LOOP;
			END LOOP;
		END IF;

		-- rows are extracted only for partitions the command brought
		PERFORM whosaid._track_triggers(t, EXISTS (
			SELECT FROM pg_event_trigger_ddl_commands() c
			WHERE c.classid = 'pg_catalog.pg_class'::regclass
				AND t.relid IN (SELECT a.relid FROM pg_catalog.pg_partition_ancestors(c.objid) a)));
	END LOOP;
END
$function$;
COMMENT ON FUNCTION whosaid.tracked_ddl() IS 'event trigger: follows renames of tracked columns and derived tables, and gives partitions created or attached later their triggers';

CREATE OR REPLACE FUNCTION whosaid._track_pk(tbl regclass, OUT key_columns name[], OUT key_types text[])
 RETURNS record
 LANGUAGE sql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
	SELECT array_agg(a.attname ORDER BY k.i), array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY k.i)
	FROM pg_index x
		CROSS JOIN LATERAL unnest(x.indkey[0:x.indnkeyatts - 1]::int2[]) WITH ORDINALITY AS k(attnum, i)
		JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
	WHERE x.indrelid = tbl AND x.indisprimary
$function$;
COMMENT ON FUNCTION whosaid._track_pk(regclass) IS 'internal: the primary key columns of a table and their types, qualified as generated SQL needs them';

CREATE OR REPLACE FUNCTION whosaid._track_key_ops(tbl regclass, strategy integer)
 RETURNS text[]
 LANGUAGE c
 STABLE PARALLEL SAFE STRICT
AS 'MODULE_PATHNAME', $function$track_key_ops$function$;
COMMENT ON FUNCTION whosaid._track_key_ops(regclass,integer) IS 'internal: per key column, the schema-qualified btree operator of the primary key for a strategy';

CREATE OR REPLACE FUNCTION whosaid._track_key_cmp(t whosaid.tracked, strategy integer, param integer)
 RETURNS text
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	last_ops text[] := whosaid._track_key_ops(t.relid, strategy);
	strict_ops text[] := whosaid._track_key_ops(t.relid, CASE WHEN strategy = 2 THEN 1 ELSE strategy END);
	eq_ops text[] := whosaid._track_key_ops(t.relid, 3);
	n int := cardinality(t.key_columns);
	terms text[] := '{}';
	term text;
BEGIN
	IF (SELECT count(DISTINCT o) FROM unnest(last_ops) o) = 1 THEN
		RETURN format('(%s) %s %s', whosaid._track_keys(t), last_ops[1], whosaid._track_param(t, param));
	END IF;
	FOR i IN 1 .. n LOOP
		term := format('%I %s $%s[%s]::%s', t.key_columns[i],
					   CASE WHEN i = n THEN last_ops[i] ELSE strict_ops[i] END, param, i, t.key_types[i]);
		FOR j IN 1 .. i - 1 LOOP
			term := format('%I %s $%s[%s]::%s AND ', t.key_columns[j], eq_ops[j], param, j, t.key_types[j]) || term;
		END LOOP;
		terms := terms || ('(' || term || ')');
	END LOOP;
	RETURN '(' || array_to_string(terms, ' OR ') || ')';
END
$function$;
COMMENT ON FUNCTION whosaid._track_key_cmp(whosaid.tracked,integer,integer) IS 'internal: the condition keys <= or > the key position in a text[] parameter, with qualified operators';

CREATE OR REPLACE FUNCTION whosaid._track_check_owner(tbl regclass, action text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
	IF NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = tbl), 'USAGE') THEN
		RAISE EXCEPTION 'must be owner of table % to %', tbl, action
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Tracking a table creates triggers and tables next to it with its owner''s rights.';
	END IF;
END
$function$;
COMMENT ON FUNCTION whosaid._track_check_owner(regclass,text) IS 'internal: an error unless the caller owns the table (or is a member of the owning role)';

CREATE OR REPLACE FUNCTION whosaid._tracked_add(tbl regclass, body_column name, time_column name, prefix text, quotes_table regclass, actors_table regclass)
 RETURNS void
 LANGUAGE c
AS 'MODULE_PATHNAME', $function$owner_gate$function$;
COMMENT ON FUNCTION whosaid._tracked_add(regclass,name,name,text,regclass,regclass) IS 'internal: records a tracked table in whosaid.tracked; the caller must own it';

CREATE OR REPLACE FUNCTION whosaid._tracked_add_definer(tbl regclass, body_column name, time_column name, prefix text, quotes_table regclass, actors_table regclass)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	owner oid := (SELECT relowner FROM pg_class WHERE oid = tbl);
	pk record := whosaid._track_pk(tbl);
BEGIN
	IF (SELECT count(*) FROM pg_class c
		WHERE c.oid IN (quotes_table, actors_table) AND c.relowner = owner
			AND c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = tbl)) <> 2 THEN
		RAISE EXCEPTION 'the derived tables of % must be owned by its owner and be in its schema', tbl
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	INSERT INTO whosaid.tracked (relid, body_column, key_columns, key_types, quotes_table, actors_table,
								 time_column, prefix)
	VALUES (tbl, body_column, pk.key_columns, pk.key_types, quotes_table, actors_table, time_column, prefix);
END
$function$;
COMMENT ON FUNCTION whosaid._tracked_add_definer(regclass,name,name,text,regclass,regclass) IS 'internal: body of whosaid._tracked_add(); the key columns and types come from the system catalogs';

CREATE OR REPLACE FUNCTION whosaid._tracked_remove(tbl regclass)
 RETURNS void
 LANGUAGE c
AS 'MODULE_PATHNAME', $function$owner_gate$function$;
COMMENT ON FUNCTION whosaid._tracked_remove(regclass) IS 'internal: forgets a tracked table in whosaid.tracked; the caller must own it';

CREATE OR REPLACE FUNCTION whosaid._tracked_remove_definer(tbl regclass)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
BEGIN ATOMIC
 DELETE FROM whosaid.tracked
   WHERE ((tracked.relid)::oid = (_tracked_remove_definer.tbl)::oid);
END;
COMMENT ON FUNCTION whosaid._tracked_remove_definer(regclass) IS 'internal: body of whosaid._tracked_remove()';

CREATE OR REPLACE FUNCTION whosaid._tracked_progress(tbl regclass, backfill_after text[], backfill_rows bigint, backfilled_at timestamp with time zone)
 RETURNS void
 LANGUAGE c
AS 'MODULE_PATHNAME', $function$owner_gate$function$;
COMMENT ON FUNCTION whosaid._tracked_progress(regclass,text[],bigint,timestamp with time zone) IS 'internal: records the progress of whosaid.backfill(); the caller must own the table';

CREATE OR REPLACE FUNCTION whosaid._tracked_progress_definer(tbl regclass, backfill_after text[], backfill_rows bigint, backfilled_at timestamp with time zone)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
BEGIN ATOMIC
 UPDATE whosaid.tracked AS t SET backfill_after = _tracked_progress_definer.backfill_after, backfill_rows = _tracked_progress_definer.backfill_rows, backfilled_at = _tracked_progress_definer.backfilled_at
   WHERE ((t.relid)::oid = (_tracked_progress_definer.tbl)::oid);
END;
COMMENT ON FUNCTION whosaid._tracked_progress_definer(regclass,text[],bigint,timestamp with time zone) IS 'internal: body of whosaid._tracked_progress()';

CREATE OR REPLACE FUNCTION whosaid._track_copy_grants(t whosaid.tracked)
 RETURNS text[]
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	nsp name := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				 WHERE c.oid = t.relid);
	owner oid := (SELECT relowner FROM pg_class WHERE oid = t.relid);
	grantees text[];
	targets text;
BEGIN
	SELECT array_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END)
	INTO grantees
	FROM pg_class c
		CROSS JOIN LATERAL aclexplode(c.relacl) a
		LEFT JOIN pg_roles r ON r.oid = a.grantee
	WHERE c.oid = t.relid AND a.privilege_type = 'SELECT' AND a.grantee <> owner;
	IF grantees IS NULL THEN
		RETURN '{}';
	END IF;
	targets := format('%s, %s, %I.%I, %I.%I, %I.%I, %I.%I', t.quotes_table, t.actors_table,
					  nsp, t.prefix || '_who_said_what', nsp, t.prefix || '_named_actors',
					  nsp, t.prefix || '_top_speakers', nsp, t.prefix || '_actor_pairs');
	EXECUTE format('GRANT SELECT ON %s TO %s', targets, array_to_string(grantees, ', '));
	RETURN grantees;
END
$function$;
COMMENT ON FUNCTION whosaid._track_copy_grants(whosaid.tracked) IS 'internal: grants SELECT on the derived tables and views to the roles that may read the tracked table';

CREATE OR REPLACE FUNCTION whosaid._tracked(tbl regclass)
 RETURNS whosaid.tracked
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked;
	args text[];
BEGIN
	SELECT * INTO t FROM whosaid.tracked WHERE relid = tbl;
	IF NOT FOUND THEN
		SELECT whosaid._track_trigger_args(g.tgargs) INTO args
		FROM pg_catalog.pg_trigger g
		WHERE g.tgrelid = tbl AND g.tgname = 'whosaid_track_insert';
		IF NOT FOUND THEN
			RAISE EXCEPTION 'table % is not tracked', tbl
				USING ERRCODE = 'undefined_object',
					  HINT = format('Call whosaid.track(%L) first.', tbl::text);
		END IF;
		IF (SELECT c.relispartition FROM pg_catalog.pg_class c WHERE c.oid = tbl) THEN
			RAISE EXCEPTION 'table % is a partition of a tracked table', tbl
				USING ERRCODE = 'wrong_object_type',
					  HINT = format('Use the partitioned table %s instead.',
									(SELECT a.relid::regclass FROM pg_catalog.pg_partition_ancestors(tbl) a
									 WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhrelid = a.relid)));
		END IF;
		t := whosaid._track_config(tbl, args);
		t.prefix := regexp_replace((SELECT relname FROM pg_catalog.pg_class WHERE oid = t.quotes_table), '_quotes$', '');
		t.backfill_rows := 0;
	END IF;
	t.key_types := whosaid._track_key_types(tbl, t.key_columns);
	RETURN t;
END
$function$;
COMMENT ON FUNCTION whosaid._tracked(regclass) IS 'internal: the whosaid.tracked row of a table (or what its triggers say), or an error if it is not tracked';

CREATE FUNCTION whosaid._track_extract(body text)
RETURNS TABLE (n int, kind text, content text, content_span int4range, speaker text, speaker_mention text,
			   speaker_span int4range, cue text, cue_span int4range, actor text, role text, affiliation text,
			   aliases text[], mentions int, first_span int4range)
AS 'MODULE_PATHNAME', '_track_extract'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 25;
COMMENT ON FUNCTION whosaid._track_extract(text) IS 'internal: the quotes (n > 0) and actors (n < 0) of a text in one pass, for the derived tables of a tracked table';

DROP FUNCTION whosaid._track_insert_sql(whosaid.tracked, text, boolean, text);
CREATE OR REPLACE FUNCTION whosaid._track_insert_sql(t whosaid.tracked, src text, on_conflict boolean, ctes text DEFAULT NULL::text, assign text DEFAULT NULL::text)
 RETURNS text
 LANGUAGE plpgsql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	cols text := whosaid._track_keys(t) || ', n, kind, content, content_span, speaker, speaker_mention,'
				 ' speaker_span, cue, cue_span';
	ex text := format(
		'ex AS MATERIALIZED (SELECT %s, x.* FROM %s s CROSS JOIN LATERAL whosaid._track_extract(s.%I::pg_catalog.text) x)',
		whosaid._track_keys(t, 's'), src, t.body_column);
	quotes text := format(
		'SELECT %s, x.n, x.kind, x.content, x.content_span, x.speaker, x.speaker_mention, x.speaker_span,'
		' x.cue, x.cue_span FROM ex x WHERE x.n OPERATOR(pg_catalog.>) 0',
		whosaid._track_keys(t, 'x'));
	conflict text := CASE WHEN on_conflict THEN ' ON CONFLICT DO NOTHING' ELSE '' END;
	actors text := format(
		'INSERT INTO %s (%s, n, actor, kind, role, affiliation, aliases, mentions, first_span)'
		' SELECT %s, OPERATOR(pg_catalog.-) x.n, x.actor, x.kind, x.role, x.affiliation, x.aliases, x.mentions,'
		' x.first_span FROM ex x WHERE x.n OPERATOR(pg_catalog.<) 0%s',
		t.actors_table, whosaid._track_keys(t), whosaid._track_keys(t, 'x'), conflict);
BEGIN
	IF assign IS NOT NULL AND on_conflict THEN
		-- ON CONFLICT DO NOTHING would leave claims counted for quotes never written
		RAISE EXCEPTION 'whosaid._track_insert_sql() assigns claims only to an insert without ON CONFLICT'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF assign IS NULL THEN
		RETURN format('WITH %s %s, iq AS (INSERT INTO %s (%s) %s%s) %s',
					  coalesce(ctes || ',', ''), ex, t.quotes_table, cols, quotes, conflict, actors);
	END IF;
	-- about once per distinct content (syndicated quotes repeat word for word)
	RETURN format('WITH %s %s, qx AS MATERIALIZED (%s), %s,'
				  ' ab AS MATERIALIZED (SELECT c.content, whosaid.to_actorvec(c.content) AS about'
				  ' FROM (SELECT DISTINCT qx.content COLLATE pg_catalog."C" AS content FROM qx) c),'
				  ' iq AS (INSERT INTO %s (%s, claim, about)'
				  ' SELECT qx.*, an.claim, ab.about'
				  ' FROM qx LEFT JOIN an ON %s AND an.n OPERATOR(pg_catalog.=) qx.n'
				  ' LEFT JOIN ab ON ab.content OPERATOR(pg_catalog.=) qx.content COLLATE pg_catalog."C"%s),'
				  ' ia AS (%s) SELECT pg_catalog.array_agg(DISTINCT o.claim) FROM old o',
				  coalesce(ctes || ',', ''), ex, quotes, assign, t.quotes_table, cols,
				  whosaid._track_join(t, 'an', 'qx'), conflict, actors);
END
$function$;
COMMENT ON FUNCTION whosaid._track_insert_sql(whosaid.tracked,text,boolean,text,text) IS 'internal: the INSERT extracting quotes and actors of the rows of a relation into the derived tables (with their claims when given)';

CREATE OR REPLACE FUNCTION whosaid._track_rows_sql(t whosaid.tracked, src text, ctes text DEFAULT NULL::text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN format('%sSELECT ARRAY[%s], s.%I::pg_catalog.text FROM %s s'::text, COALESCE((('WITH '::text || ctes) || ' '::text), ''::text), (SELECT string_agg(format('s.%I::pg_catalog.text'::text, u.k), ', '::text ORDER BY u.i) AS string_agg FROM unnest((_track_rows_sql.t).key_columns) WITH ORDINALITY u(k, i)), (t).body_column, src);

CREATE OR REPLACE FUNCTION whosaid.track(tbl regclass, body_column name DEFAULT 'body'::name, time_column name DEFAULT NULL::name, prefix text DEFAULT NULL::text, OUT quotes_table regclass, OUT actors_table regclass)
 RETURNS record
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	rel record;
	pk_cols name[];
	pk_types text[];
	body_cat "char";
	time_type regtype;
	reserved name[] := '{n,kind,content,content_span,speaker,speaker_mention,speaker_span,cue,cue_span,'
					   'actor,role,affiliation,aliases,mentions,first_span}';
	keydef text;
	keys text;
	has_rows boolean;
	citus_kind text;
	suggestion name;
	t whosaid.tracked;
	grantees text[];
BEGIN
	SELECT c.oid, c.relname, c.relkind, c.relpersistence, n.nspname INTO rel
	FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = tbl;
	PERFORM whosaid._track_check_owner(tbl, 'track it');
	IF rel.relkind NOT IN ('r', 'p') THEN
		RAISE EXCEPTION '% is not a table', tbl
			USING ERRCODE = 'wrong_object_type',
				  DETAIL = 'Only ordinary and partitioned tables can be tracked.';
	END IF;
	IF rel.relpersistence = 't' THEN
		RAISE EXCEPTION 'cannot track temporary table %', tbl
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'A temporary table disappears with its session, and so would its catalog entry''s meaning.',
				  HINT = 'Call whosaid.quotes() and whosaid.actors() on its rows instead, or track an ordinary table.';
	END IF;
	-- Citus runs no triggers on distributed or reference tables; read its
	-- metadata only when it is there, so this runs without Citus too.
	IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
		EXECUTE 'SELECT partmethod::text || repmodel::text FROM pg_catalog.pg_dist_partition WHERE logicalrelid = $1'
			INTO citus_kind USING tbl;
		IF citus_kind IS NOT NULL AND (left(citus_kind, 1) <> 'n' OR right(citus_kind, 1) = 't') THEN
			RAISE EXCEPTION 'cannot track % because it is a Citus % table', tbl,
				CASE WHEN left(citus_kind, 1) = 'n' THEN 'reference' ELSE 'distributed' END
				USING ERRCODE = 'feature_not_supported',
					  DETAIL = 'Citus does not run triggers on distributed and reference tables, and the derived tables would not be co-located.',
					  HINT = 'Store the actors in a generated column instead: ADD COLUMN actors whosaid.actorvec GENERATED ALWAYS AS (whosaid.to_actorvec(body)) STORED, with a GIN index, and call whosaid.quotes(body) at query time (docs/tracking-operations.md, "Citus").';
		END IF;
	END IF;
	-- CREATE TRIGGER takes this lock anyway; taking it first keeps the checks valid.
	EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', tbl);
	IF EXISTS (SELECT FROM whosaid.tracked w WHERE w.relid = tbl)
	   OR EXISTS (SELECT FROM pg_catalog.pg_trigger g WHERE g.tgrelid = tbl AND g.tgname = 'whosaid_track_insert') THEN
		-- a partition of a tracked table, or a table restored with its triggers but without its catalog row
		PERFORM whosaid._tracked(tbl);
		RAISE EXCEPTION 'table % is already tracked', tbl
			USING ERRCODE = 'duplicate_object',
				  HINT = CASE WHEN EXISTS (SELECT FROM whosaid.tracked w WHERE w.relid = tbl)
						 THEN format('Call whosaid.untrack(%L) first to track it again.', tbl::text)
						 ELSE format('Its triggers are there but not its whosaid.tracked row (a dump restored without the whosaid schema): CALL whosaid.backfill(%L) takes it back into the catalog.', tbl::text) END;
	END IF;

	-- the type's category, or its base type's for a domain
	SELECT coalesce(bt.typcategory, ty.typcategory) INTO body_cat
	FROM pg_catalog.pg_attribute a
		JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
		LEFT JOIN pg_catalog.pg_type bt ON bt.oid = ty.typbasetype
	WHERE a.attrelid = tbl AND a.attname = body_column AND a.attnum > 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		SELECT a.attname INTO suggestion
		FROM pg_catalog.pg_attribute a
			JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
			LEFT JOIN pg_catalog.pg_type bt ON bt.oid = ty.typbasetype
		WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped
			AND coalesce(bt.typcategory, ty.typcategory) = 'S'
		ORDER BY a.attnum LIMIT 1;
		RAISE EXCEPTION 'column "%" of table % does not exist', body_column, tbl
			USING ERRCODE = 'undefined_column',
				  HINT = CASE WHEN suggestion IS NULL
						 THEN 'Pass the text column to extract as body_column => ''...''; the table has no string column.'
						 ELSE format('Pass the text column to extract as body_column, e.g. SELECT whosaid.track(%L, body_column => %L).',
									 tbl::text, suggestion) END;
	ELSIF body_cat <> 'S' THEN
		RAISE EXCEPTION 'column "%" of table % is not text', body_column, tbl
			USING ERRCODE = 'datatype_mismatch',
				  DETAIL = 'Only text, varchar and other string types can be tracked.';
	END IF;

	SELECT p.key_columns, p.key_types INTO pk_cols, pk_types FROM whosaid._track_pk(tbl) p;
	IF pk_cols IS NULL THEN
		RAISE EXCEPTION 'table % has no primary key', tbl
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'The quotes and actors tables refer to the rows of the tracked table by its primary key.',
				  HINT = format('Add one, e.g. ALTER TABLE %s ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY.', tbl);
	END IF;
	IF pk_cols && reserved THEN
		RAISE EXCEPTION 'primary key column name of table % clashes with a column of the derived tables', tbl
			USING ERRCODE = 'duplicate_column',
				  DETAIL = format('The derived tables have columns %s.', array_to_string(reserved, ', '));
	END IF;

	IF time_column IS NOT NULL THEN
		SELECT a.atttypid::regtype INTO time_type
		FROM pg_catalog.pg_attribute a
		WHERE a.attrelid = tbl AND a.attname = time_column AND a.attnum > 0 AND NOT a.attisdropped;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'column "%" of table % does not exist', time_column, tbl
				USING ERRCODE = 'undefined_column';
		ELSIF time_type NOT IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype) THEN
			RAISE EXCEPTION 'column "%" of table % is not a timestamp or date', time_column, tbl
				USING ERRCODE = 'datatype_mismatch';
		END IF;
	ELSE
		-- The first timestamp-like column, so the views can be charted over time.
		SELECT a.attname INTO time_column
		FROM pg_catalog.pg_attribute a
		WHERE a.attrelid = tbl AND a.attnum > 0 AND NOT a.attisdropped
			AND a.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)
			AND a.attname <> ALL (reserved)
		ORDER BY a.attnum LIMIT 1;
	END IF;

	prefix := coalesce(prefix, rel.relname);
	IF octet_length(prefix || '_who_said_what') > 63 THEN
		RAISE EXCEPTION 'prefix "%" is too long for the names of the derived tables', prefix
			USING ERRCODE = 'name_too_long',
				  HINT = 'Pass a shorter prefix => ''...''.';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_class c
			   WHERE c.relnamespace = (SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = tbl)
				 AND c.relname IN (prefix || '_quotes', prefix || '_actors', prefix || '_who_said_what',
								   prefix || '_named_actors', prefix || '_top_speakers', prefix || '_actor_pairs')) THEN
		RAISE EXCEPTION 'a relation named %_quotes, %_actors or %_* already exists in schema "%"',
			prefix, prefix, prefix, rel.nspname
			USING ERRCODE = 'duplicate_table',
				  HINT = 'Pass another prefix => ''...'', or drop the old relations.';
	END IF;

	keydef := (SELECT string_agg(format('%I %s NOT NULL', c, ty), ', ')
			   FROM unnest(pk_cols, pk_types) AS u(c, ty));
	keys := (SELECT string_agg(quote_ident(c), ', ') FROM unnest(pk_cols) AS c);

	EXECUTE format(
		'CREATE TABLE %1$I.%2$I (%3$s, n int NOT NULL, kind text, content text, content_span int4range,'
		' speaker text, speaker_mention text, speaker_span int4range, cue text, cue_span int4range,'
		' PRIMARY KEY (%4$s, n),'
		' FOREIGN KEY (%4$s) REFERENCES %5$s (%4$s) ON DELETE CASCADE ON UPDATE CASCADE)',
		rel.nspname, prefix || '_quotes', keydef, keys, tbl);
	quotes_table := format('%I.%I', rel.nspname, prefix || '_quotes')::regclass;
	EXECUTE format('CREATE INDEX ON %s (speaker)', quotes_table);
	EXECUTE format('COMMENT ON TABLE %s IS %L', quotes_table,
				   format('quotes in %s.%s, kept current by whosaid.track()', tbl, body_column));

	EXECUTE format(
		'CREATE TABLE %1$I.%2$I (%3$s, n int NOT NULL, actor text, kind text, role text, affiliation text,'
		' aliases text[], mentions int, first_span int4range,'
		' PRIMARY KEY (%4$s, n),'
		' FOREIGN KEY (%4$s) REFERENCES %5$s (%4$s) ON DELETE CASCADE ON UPDATE CASCADE)',
		rel.nspname, prefix || '_actors', keydef, keys, tbl);
	actors_table := format('%I.%I', rel.nspname, prefix || '_actors')::regclass;
	EXECUTE format('CREATE INDEX ON %s (actor)', actors_table);
	EXECUTE format('COMMENT ON TABLE %s IS %L', actors_table,
				   format('named actors in %s.%s, kept current by whosaid.track()', tbl, body_column));

	PERFORM whosaid._tracked_add(tbl, body_column, time_column, prefix, quotes_table, actors_table);
	t := whosaid._tracked(tbl);

	PERFORM whosaid._track_triggers(t, false);

	PERFORM whosaid._track_views(t);
	grantees := whosaid._track_copy_grants(t);
	IF grantees <> '{}' THEN
		RAISE NOTICE 'granted SELECT on the derived tables and views of % to %', tbl, array_to_string(grantees, ', ')
			USING DETAIL = 'They may read the table. Later grants on the table are not copied.';
	END IF;

	EXECUTE format('SELECT EXISTS (SELECT FROM %s)', tbl) INTO has_rows;
	IF has_rows THEN
		RAISE NOTICE 'table % already has rows; new and updated rows are extracted from now on', tbl
			USING HINT = format('Run CALL whosaid.backfill(%L) to extract the existing rows.', tbl::text);
	END IF;
END
$function$;

CREATE OR REPLACE FUNCTION whosaid.untrack(tbl regclass, drop_tables boolean DEFAULT false)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked;
	member regclass;
BEGIN
	PERFORM whosaid._track_check_owner(tbl, 'untrack it');
	IF NOT EXISTS (SELECT FROM whosaid.tracked w WHERE w.relid = tbl)
	   AND NOT EXISTS (SELECT FROM pg_catalog.pg_trigger g WHERE g.tgrelid = tbl AND g.tgname = 'whosaid_track_insert') THEN
		-- untracked earlier with the tables kept: they still point at the table
		SELECT max(c.oid) FILTER (WHERE c.relname ~ '_quotes$'), max(c.oid) FILTER (WHERE c.relname ~ '_actors$')
		INTO t.quotes_table, t.actors_table
		FROM pg_catalog.pg_constraint f JOIN pg_catalog.pg_class c ON c.oid = f.conrelid
		WHERE f.contype = 'f' AND f.confrelid = tbl
			AND pg_catalog.obj_description(c.oid, 'pg_class') ~ 'whosaid\.(un)?track\(\)$';
		IF drop_tables AND (t.quotes_table IS NOT NULL OR t.actors_table IS NOT NULL) THEN
			t.prefix := regexp_replace((SELECT relname FROM pg_catalog.pg_class
										WHERE oid = coalesce(t.quotes_table, t.actors_table)), '_(quotes|actors)$', '');
			PERFORM whosaid._track_drop_views(t);
			EXECUTE format('DROP TABLE IF EXISTS %s', concat_ws(', ', t.quotes_table, t.actors_table));
			RETURN;
		END IF;
		RAISE EXCEPTION 'table % is not tracked', tbl
			USING ERRCODE = 'undefined_object';
	END IF;
	t := whosaid._tracked(tbl);
	FOR member IN
		SELECT p.relid FROM pg_catalog.pg_partition_tree(tbl) p
		UNION SELECT tbl
	LOOP
		EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_insert ON %s', member);
		EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_update ON %s', member);
	END LOOP;
	IF EXISTS (SELECT FROM whosaid.tracked w WHERE w.relid = tbl) THEN
		PERFORM whosaid._tracked_remove(tbl);
	END IF;
	IF drop_tables THEN
		PERFORM whosaid._track_drop_views(t);
		EXECUTE format('DROP TABLE %s, %s', t.quotes_table, t.actors_table);
	ELSE
		EXECUTE format('COMMENT ON TABLE %s IS %L', t.quotes_table,
					   format('quotes in %s.%s, no longer kept current since whosaid.untrack()', tbl, t.body_column));
		EXECUTE format('COMMENT ON TABLE %s IS %L', t.actors_table,
					   format('named actors in %s.%s, no longer kept current since whosaid.untrack()', tbl, t.body_column));
	END IF;
END
$function$;
COMMENT ON FUNCTION whosaid.untrack(regclass,boolean) IS 'stops tracking a table: drops its triggers and, with drop_tables, its quotes and actors tables and views (also those an earlier untrack() kept)';

CREATE OR REPLACE PROCEDURE whosaid.backfill(IN tbl regclass, IN batch_size integer DEFAULT 1000, IN restart boolean DEFAULT false)
 LANGUAGE plpgsql
AS $procedure$
DECLARE
	-- Without SET search_path, these types are looked up with the caller's:
	-- qualified, or SQL keywords (bigint).
	t whosaid.tracked;
	after_cond pg_catalog.text;
	keys_s pg_catalog.text;
	key_text pg_catalog.text;
	skip_key pg_catalog.text;
	locked pg_catalog.text[];
	skipped pg_catalog.text[];
	upper_key pg_catalog.text[];
	found_row boolean;
	cnt bigint;
	total bigint;
	done bigint;
	run_rows bigint := 0;
	started pg_catalog.timestamptz := pg_catalog.clock_timestamp();
	last_notice pg_catalog.timestamptz := pg_catalog.clock_timestamp();
	secs double precision;
	rate double precision;
	batch_cte pg_catalog.text;
	row_key pg_catalog.text[];
	row_body pg_catalog.text;
	caller_path pg_catalog.text := pg_catalog.current_setting('search_path');
BEGIN
	-- A procedure that commits cannot have SET search_path: pin it in each
	-- transaction, and give the caller's back before returning.
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
	IF batch_size IS NULL OR batch_size < 1 THEN
		RAISE EXCEPTION 'batch_size must be at least 1'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM whosaid._track_check_owner(tbl, 'backfill it');
	t := whosaid._tracked(tbl);
	IF NOT EXISTS (SELECT FROM whosaid.tracked w WHERE w.relid = tbl) THEN
		-- the table's triggers came without the catalog row (pg_dump -n): adopt them
		PERFORM whosaid._tracked_add(tbl, t.body_column, NULL, t.prefix, t.quotes_table, t.actors_table);
		RAISE NOTICE 'table % was not in whosaid.tracked; its triggers say how it is tracked, so it is now', tbl;
	END IF;
	IF restart THEN
		PERFORM whosaid._tracked_progress(tbl, NULL, 0, NULL);
		t.backfill_after := NULL;
		t.backfill_rows := 0;
	ELSIF t.backfilled_at IS NOT NULL THEN
		RAISE NOTICE 'table % is already backfilled', tbl
			USING HINT = 'CALL whosaid.backfill(..., restart => true) extracts all rows again.';
		PERFORM pg_catalog.set_config('search_path', caller_path, true);
		RETURN;
	END IF;
	-- from here on it commits
	IF whosaid._track_in_transaction_block() THEN
		RAISE EXCEPTION 'whosaid.backfill() cannot run inside a transaction block'
			USING ERRCODE = 'active_sql_transaction',
				  DETAIL = 'It commits after each batch, so that it holds no lock for long and resumes where it stopped.',
				  HINT = format('Run CALL whosaid.backfill(%L) as a statement of its own, outside BEGIN ... COMMIT.', tbl::text);
	END IF;
	EXECUTE format('SELECT count(*) FROM %s', tbl) INTO total;
	done := t.backfill_rows;

	-- a key as the text of a text[]
	key_text := format('ARRAY[%s]::pg_catalog.text',
					   (SELECT string_agg(format('s.%I::pg_catalog.text', k), ', ' ORDER BY i)
						FROM unnest(t.key_columns) WITH ORDINALITY AS u(k, i)));
	keys_s := whosaid._track_keys(t, 's');
	LOOP
		after_cond := CASE WHEN t.backfill_after IS NULL THEN 'true' ELSE whosaid._track_key_cmp(t, 5, 1) END;
		EXECUTE format('SELECT array_agg(%s ORDER BY %s) FROM (SELECT %s FROM %s s WHERE %s ORDER BY %s'
					   ' LIMIT $2 FOR SHARE SKIP LOCKED) s',
					   key_text, keys_s, keys_s, tbl, after_cond, keys_s)
			INTO locked USING t.backfill_after, batch_size;
		skipped := NULL;
		IF locked IS NULL THEN
			-- the rows left (if any) are all held by writers: wait for the first
			EXECUTE format('SELECT %s FROM %s s WHERE %s ORDER BY %s LIMIT 1', key_text, tbl, after_cond, keys_s)
				INTO row_body USING t.backfill_after;
			EXIT WHEN row_body IS NULL;
			skipped := ARRAY[row_body];
			upper_key := row_body::pg_catalog.text[];
			cnt := 0;
		ELSE
			upper_key := locked[pg_catalog.cardinality(locked)]::pg_catalog.text[];
			cnt := pg_catalog.cardinality(locked);
			EXECUTE format('DELETE FROM %s d USING %s l WHERE %s',
						   t.quotes_table, whosaid._track_keys_rel(t, 1), whosaid._track_join(t, 'd', 'l')) USING locked;
			EXECUTE format('DELETE FROM %s d USING %s l WHERE %s',
						   t.actors_table, whosaid._track_keys_rel(t, 1), whosaid._track_join(t, 'd', 'l')) USING locked;
			-- ON CONFLICT: a writer that got a row after the lock has been extracted by its trigger.
			batch_cte := format('b AS MATERIALIZED (SELECT %s, s.%I FROM %s s JOIN %s l ON %s)',
								keys_s, t.body_column, tbl, whosaid._track_keys_rel(t, 1), whosaid._track_join(t, 's', 'l'));
			BEGIN
				EXECUTE whosaid._track_insert_sql(t, 'b', true, batch_cte) USING locked;
			EXCEPTION WHEN data_exception OR integrity_constraint_violation OR program_limit_exceeded THEN
				FOR row_key, row_body IN EXECUTE whosaid._track_rows_sql(t, 'b', batch_cte) USING locked LOOP
					PERFORM whosaid._track_extract_row(t, row_key, row_body, true);
				END LOOP;
			END;
			-- the rows of the batch's key range that writers held
			EXECUTE format('SELECT array_agg(%s ORDER BY %s) FROM %s s WHERE %s AND %s'
						   ' AND NOT EXISTS (SELECT FROM %s l WHERE %s)',
						   key_text, keys_s, tbl, after_cond, whosaid._track_key_cmp(t, 2, 2),
						   whosaid._track_keys_rel(t, 3), whosaid._track_join(t, 's', 'l'))
				INTO skipped USING t.backfill_after, upper_key, locked;
			IF skipped IS NULL THEN
				PERFORM whosaid._tracked_progress(tbl, upper_key, done + cnt, NULL);
			END IF;
			COMMIT;
			PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
		END IF;

		IF skipped IS NOT NULL THEN
			FOREACH skip_key IN ARRAY skipped LOOP
				EXECUTE format('SELECT true FROM %s s WHERE %s FOR SHARE', tbl, whosaid._track_key_eq(t, 1))
					INTO found_row USING skip_key::pg_catalog.text[];
				IF found_row THEN
					batch_cte := format('b AS MATERIALIZED (SELECT %s, s.%I FROM %s s WHERE %s)',
										keys_s, t.body_column, tbl, whosaid._track_key_eq(t, 1));
					EXECUTE format('DELETE FROM %s s WHERE %s', t.quotes_table, whosaid._track_key_eq(t, 1))
						USING skip_key::pg_catalog.text[];
					EXECUTE format('DELETE FROM %s s WHERE %s', t.actors_table, whosaid._track_key_eq(t, 1))
						USING skip_key::pg_catalog.text[];
					FOR row_key, row_body IN EXECUTE whosaid._track_rows_sql(t, 'b', batch_cte)
						USING skip_key::pg_catalog.text[] LOOP
						PERFORM whosaid._track_extract_row(t, row_key, row_body, true);
					END LOOP;
					cnt := cnt + 1;
				END IF;
				found_row := NULL;
				COMMIT;
				PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
			END LOOP;
			PERFORM whosaid._tracked_progress(tbl, upper_key, done + cnt, NULL);
			COMMIT;
			PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
		END IF;
		t.backfill_after := upper_key;
		done := done + cnt;
		run_rows := run_rows + cnt;

		IF clock_timestamp() - last_notice >= interval '2 s' THEN
			last_notice := clock_timestamp();
			secs := greatest(extract(epoch FROM last_notice - started)::float8, 0.001);
			rate := run_rows / secs;
			RAISE NOTICE '%/% rows, % %%, % rows/s, about % s left',
				done, greatest(total, done), round(100.0 * done / greatest(total, done, 1)),
				round(rate), round(greatest(total - done, 0) / greatest(rate, 0.001));
		END IF;
	END LOOP;

	PERFORM whosaid._tracked_progress(tbl, t.backfill_after, done, now());
	COMMIT;
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
	secs := greatest(extract(epoch FROM clock_timestamp() - started)::float8, 0.001);
	RAISE NOTICE 'backfill of % done: % rows in % s (% rows/s)',
		tbl, run_rows, round(secs::numeric, 1), round(run_rows / secs);
	PERFORM pg_catalog.set_config('search_path', caller_path, true);
END
$procedure$;

CREATE OR REPLACE FUNCTION whosaid.tracked_drop()
 RETURNS event_trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
	DELETE FROM whosaid.tracked t WHERE t.relid IN (SELECT d.relid FROM whosaid._tracked_dropped() d);
END
$function$;

CREATE OR REPLACE FUNCTION whosaid.track_insert()
 RETURNS trigger
 LANGUAGE c
AS 'MODULE_PATHNAME', $function$track_trigger$function$;
COMMENT ON FUNCTION whosaid.track_insert() IS 'statement trigger of a tracked table: extracts quotes and actors of the inserted rows, with the rights of the table''s owner';

CREATE OR REPLACE FUNCTION whosaid.track_update()
 RETURNS trigger
 LANGUAGE c
AS 'MODULE_PATHNAME', $function$track_trigger$function$;
COMMENT ON FUNCTION whosaid.track_update() IS 'statement trigger of a tracked table: extracts again the quotes and actors of rows whose body changed, with the rights of the table''s owner';

CREATE OR REPLACE FUNCTION whosaid._track_join(t whosaid.tracked, a text, b text)
 RETURNS text
 LANGUAGE sql
 STABLE PARALLEL SAFE
RETURN (SELECT string_agg(format('%I.%I %s %I.%I'::text, _track_join.a, u.k, u.op, _track_join.b, u.k), ' AND '::text ORDER BY u.i) AS string_agg FROM UNNEST((_track_join.t).key_columns, whosaid._track_key_ops((_track_join.t).relid, 3)) WITH ORDINALITY u(k, op, i));

CREATE OR REPLACE FUNCTION whosaid._track_views(t whosaid.tracked)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	nsp name := (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
				 WHERE c.oid = t.quotes_table);
	has_time boolean := t.time_column IS NOT NULL;
	-- a time column in the key (as a partitioned table's often is) is in the derived tables already
	time_in_key boolean := coalesce(t.time_column = ANY (t.key_columns), false);
	time_ref text := CASE WHEN time_in_key THEN 'q' ELSE 's' END;
	time_col text := CASE WHEN t.time_column IS NULL OR time_in_key THEN '' ELSE format('s.%I, ', t.time_column) END;
	time_join text := CASE WHEN t.time_column IS NULL OR time_in_key THEN ''
						   ELSE format(' JOIN %s s ON %s', t.relid, whosaid._track_join(t, 'q', 's')) END;
	v regclass;
BEGIN
	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT %s, %sq.n, q.kind, q.speaker, sp.kind AS speaker_kind,'
		' sp.role AS speaker_role, sp.affiliation AS speaker_affiliation, q.content, q.cue, q.speaker_mention'
		' FROM %s q%s'
		' LEFT JOIN LATERAL (SELECT a.kind, a.role, a.affiliation FROM %s a'
		' WHERE %s AND a.actor OPERATOR(pg_catalog.=) q.speaker ORDER BY a.n LIMIT 1) sp ON true',
		nsp, t.prefix || '_who_said_what', whosaid._track_keys(t, 'q'), time_col,
		t.quotes_table, time_join, t.actors_table, whosaid._track_join(t, 'a', 'q'));
	v := format('%I.%I', nsp, t.prefix || '_who_said_what')::regclass;
	EXECUTE format('COMMENT ON VIEW %s IS %L', v,
				   format('who said what in %s: one row per quote, with the speaker''s kind, role and affiliation', t.relid));

	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT %s, %sq.actor, q.kind, q.role, q.affiliation, q.mentions,'
		' EXISTS (SELECT FROM %s w WHERE %s AND w.speaker OPERATOR(pg_catalog.=) q.actor) AS quoted'
		' FROM %s q%s',
		nsp, t.prefix || '_named_actors', whosaid._track_keys(t, 'q'), time_col,
		t.quotes_table, whosaid._track_join(t, 'w', 'q'), t.actors_table, time_join);
	v := format('%I.%I', nsp, t.prefix || '_named_actors')::regclass;
	EXECUTE format('COMMENT ON VIEW %s IS %L', v,
				   format('actors named in %s: one row per actor and row, and whether the actor is quoted there', t.relid));

	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT q.speaker, count(*) AS quotes, count(DISTINCT (%s)) AS articles%s'
		' FROM %s q%s WHERE q.speaker IS NOT NULL GROUP BY q.speaker ORDER BY quotes DESC, q.speaker',
		nsp, t.prefix || '_top_speakers', whosaid._track_keys(t, 'q'),
		CASE WHEN has_time THEN format(', min(%2$s.%1$I) AS first_quoted, max(%2$s.%1$I) AS last_quoted', t.time_column, time_ref)
			 ELSE '' END,
		t.quotes_table, time_join);
	v := format('%I.%I', nsp, t.prefix || '_top_speakers')::regclass;
	EXECUTE format('COMMENT ON VIEW %s IS %L', v,
				   format('speakers quoted in %s, most quoted first', t.relid));

	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT a.actor, a.kind, b.actor AS other_actor, b.kind AS other_kind,'
		' count(DISTINCT (%s)) AS articles'
		' FROM %s a JOIN %s b ON %s AND a.actor OPERATOR(pg_catalog.<>) b.actor GROUP BY 1, 2, 3, 4',
		nsp, t.prefix || '_actor_pairs', whosaid._track_keys(t, 'a'),
		t.actors_table, t.actors_table, whosaid._track_join(t, 'a', 'b'));
	v := format('%I.%I', nsp, t.prefix || '_actor_pairs')::regclass;
	EXECUTE format('COMMENT ON VIEW %s IS %L', v,
				   format('pairs of actors named in the same row of %s, both ways round, with the number of rows', t.relid));
END
$function$;

CREATE OR REPLACE FUNCTION whosaid._track_drop_views(t whosaid.tracked)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	v regclass;
BEGIN
	-- the claims (track_claims()) serve only their views and who_said()
	PERFORM whosaid._claims_drop(t);
	-- the views on the derived tables, wherever they (or the tables) were moved
	FOR v IN
		SELECT DISTINCT c.oid
		FROM pg_catalog.pg_depend d
			JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
			JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
		WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
			AND d.refobjid IN (t.quotes_table, t.actors_table) AND c.relkind = 'v'
			AND c.relname IN (t.prefix || '_who_said_what', t.prefix || '_named_actors',
							  t.prefix || '_top_speakers', t.prefix || '_actor_pairs')
	LOOP
		EXECUTE format('DROP VIEW IF EXISTS %s', v);
	END LOOP;
END
$function$;

CREATE OR REPLACE FUNCTION whosaid._track_time_filter(t whosaid.tracked, since timestamp with time zone, until timestamp with time zone, OUT join_sql text, OUT where_sql text)
 RETURNS record
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
	join_sql := '';
	where_sql := 'true';
	IF since IS NULL AND until IS NULL THEN
		RETURN;
	END IF;
	IF t.time_column IS NULL THEN
		RAISE EXCEPTION 'table % has no time column', t.relid
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Track it with time_column => ''...'' to filter by time.';
	END IF;
	join_sql := format(' JOIN %s s ON %s', t.relid, whosaid._track_join(t, 'x', 's'));
	where_sql := format('($1 IS NULL OR s.%1$I OPERATOR(pg_catalog.>=) $1) AND ($2 IS NULL OR s.%1$I OPERATOR(pg_catalog.<) $2)',
						 t.time_column);
END
$function$;

CREATE OR REPLACE FUNCTION whosaid.top_speakers(tbl regclass, since timestamp with time zone DEFAULT NULL::timestamp with time zone, until timestamp with time zone DEFAULT NULL::timestamp with time zone, top integer DEFAULT 10)
 RETURNS TABLE(speaker text, quotes bigint, articles bigint)
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked := whosaid._tracked(tbl);
	f record := whosaid._track_time_filter(t, since, until);
BEGIN
	RETURN QUERY EXECUTE format(
		'SELECT x.speaker, count(*), count(DISTINCT (%s)) FROM %s x%s'
		' WHERE x.speaker IS NOT NULL AND %s GROUP BY x.speaker ORDER BY 2 DESC, 1 LIMIT $3',
		whosaid._track_keys(t, 'x'), t.quotes_table, f.join_sql, f.where_sql)
		USING since, until, top;
END
$function$;

CREATE OR REPLACE FUNCTION whosaid.cooccurring_actors(tbl regclass, with_actor text, since timestamp with time zone DEFAULT NULL::timestamp with time zone, until timestamp with time zone DEFAULT NULL::timestamp with time zone, top integer DEFAULT 10)
 RETURNS TABLE(actor text, kind text, articles bigint)
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked := whosaid._tracked(tbl);
	f record := whosaid._track_time_filter(t, since, until);
BEGIN
	-- with_actor matches an actor's canonical name or one of its aliases
	RETURN QUERY EXECUTE format(
		'SELECT o.actor, o.kind, count(DISTINCT (%s)) FROM %s x%s JOIN %s o ON %s'
		' WHERE (x.actor OPERATOR(pg_catalog.=) $4 OR $4 OPERATOR(pg_catalog.=) ANY (x.aliases))'
		' AND o.actor IS DISTINCT FROM x.actor AND %s'
		' GROUP BY o.actor, o.kind ORDER BY 3 DESC, 1, 2 LIMIT $3',
		whosaid._track_keys(t, 'x'), t.actors_table, f.join_sql, t.actors_table,
		whosaid._track_join(t, 'o', 'x'), f.where_sql)
		USING since, until, top, with_actor;
END
$function$;

-- 50_views.sql (new in 0.2): the actor pairs of a time window
CREATE FUNCTION whosaid.actor_pairs(tbl regclass, since timestamptz DEFAULT NULL,
									until timestamptz DEFAULT NULL, top int DEFAULT 100)
RETURNS TABLE (actor text, kind text, other_actor text, other_kind text, articles bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t whosaid.tracked := whosaid._tracked(tbl);
	f record := whosaid._track_time_filter(t, since, until);
BEGIN
	-- the rows of <prefix>_actor_pairs, counted over the rows in [since, until)
	RETURN QUERY EXECUTE format(
		'SELECT x.actor, x.kind, o.actor, o.kind, count(DISTINCT (%s)) FROM %s x%s JOIN %s o ON %s'
		' AND x.actor OPERATOR(pg_catalog.<>) o.actor WHERE %s'
		' GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 3, 2, 4 LIMIT $3',
		whosaid._track_keys(t, 'x'), t.actors_table, f.join_sql, t.actors_table,
		whosaid._track_join(t, 'o', 'x'), f.where_sql)
		USING since, until, top;
END
$$;

COMMENT ON FUNCTION whosaid.actor_pairs(regclass, timestamptz, timestamptz, int) IS
'pairs of actors named in the same rows of a tracked table (as its <prefix>_actor_pairs view), optionally in [since, until) of its time column, most frequent first';

-- ---------------------------------------------------------------- 55_claims.sql (new in 0.2)
-- 55_claims.sql — claims in tracked tables (docs/claims.md, "Claims in
-- tracked tables"). whosaid.track_claims(tbl) gives a tracked table:
--
--   <prefix>_quotes.claim    the claim a quote belongs to (NULL: too short)
--   <prefix>_quotes.about    the actors named inside the quote (actorvec)
--   <prefix>_claims          one row per claim, kept current by triggers
--   <prefix>_claim_anchors   internal: the blocking keys of each claim
--   <prefix>_claim_spread, <prefix>_claim_speakers, <prefix>_disputed_claims
--
-- Assignment is set-based, once per statement that inserts quotes (the
-- statement triggers of track() insert all of a statement's quotes at once):
-- the statement's quotes are joined to the claims on their anchors
-- (whosaid._claim_anchors(), winnowed shingles, btree-indexed), and among
-- themselves (whosaid._claims_group(), in C), and only those candidate pairs
-- are compared with claim_similarity. A quote joins the most similar claim at
-- the pinned threshold, else the quotes of the statement that match each
-- other start one claim. Quotes of fewer than whosaid._claims_min_words()
-- words get none. claims_insert() assigns the quotes inserted without claim
-- and about; a bulk INSERT into the tracked table (_claims_bulk_rows())
-- inserts its quotes with them instead (_track_insert_sql()).
--
-- Concurrency: before matching, a statement takes transaction advisory
-- locks on its anchors (shared lock on the table's key, exclusive per anchor;
-- more than _claims_max_anchor_locks() quotes or anchors, or a bulk INSERT,
-- take the table's key exclusively instead), then matches with a new
-- snapshot (READ COMMITTED).
-- Two transactions whose quotes could join the same claim share an anchor,
-- so the second waits for the first to commit and then sees its claims.

-- Quotes of fewer words start or join no claim. Measured on the dev set
-- (docs/claims.md): from 1 to 6 words precision 0.742 -> 0.802 at the
-- same recall 0.908; at 7 recall drops.
CREATE FUNCTION whosaid._claims_min_words() RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 6;
COMMENT ON FUNCTION whosaid._claims_min_words() IS
'internal: the fewest words a quote needs to start or join a claim (measured, docs/claims.md)';

-- The similarity at which a quote joins a claim: the measured default of
-- whosaid.claim_threshold, pinned so that claims do not depend on the
-- inserting session's setting.
CREATE FUNCTION whosaid._claims_threshold() RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 0.6;
COMMENT ON FUNCTION whosaid._claims_threshold() IS
'internal: the claim similarity at which a quote joins a claim in a tracked table';

-- Above this many distinct anchors a statement locks the whole claims table's
-- key instead of one key per anchor (a bulk load would fill the lock table).
CREATE FUNCTION whosaid._claims_max_anchor_locks() RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 256;
COMMENT ON FUNCTION whosaid._claims_max_anchor_locks() IS
'internal: the most anchor locks a statement takes before it locks the whole claims table instead';

-- An INSERT of more rows than this into a tracked table with claims is a bulk
-- one: its quotes are inserted with their claims in one statement (the
-- trigger of the tracked table, _track_insert_sql()) under the claims table's
-- lock, instead of claims_insert() updating them after; an article has about
-- 40 anchors, so an INSERT of this many would lock the table anyway.
CREATE FUNCTION whosaid._claims_bulk_rows() RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 16;
COMMENT ON FUNCTION whosaid._claims_bulk_rows() IS
'internal: the most rows an INSERT into a tracked table with claims has before its quotes are inserted with their claims in one statement';

CREATE FUNCTION whosaid._claim_anchors(whosaid.claimvec) RETURNS int4[]
AS 'MODULE_PATHNAME', '_claim_anchors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid._claim_anchors(whosaid.claimvec) IS
'internal: the blocking keys of a quotation (winnowed hashes of 3-word runs); quotations sharing 6 words in a row share one';

-- The grouping of a statement's quotes that join no existing claim (C,
-- claim_anchors.c): in the order of i (time order; the quotes are sorted by i
-- there, so the call needs no ORDER BY, which would sort their claimvecs),
-- each joins the claim of the earliest quote before it that shares an anchor
-- and matches at the threshold, else starts one; the result holds, for each
-- quote in that order, the i of the quote whose claim it joins (its own when
-- it starts one).
CREATE FUNCTION whosaid._claims_group_add(internal, int8, whosaid.claimvec, real) RETURNS internal
AS 'MODULE_PATHNAME', '_claims_group_add' LANGUAGE C CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid._claims_group_add(internal, int8, whosaid.claimvec, real) IS
'internal: transition function of whosaid._claims_group()';
CREATE FUNCTION whosaid._claims_group_result(internal) RETURNS int8[]
AS 'MODULE_PATHNAME', '_claims_group_result' LANGUAGE C CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid._claims_group_result(internal) IS
'internal: final function of whosaid._claims_group()';
CREATE AGGREGATE whosaid._claims_group(i int8, cv whosaid.claimvec, threshold real) (
	SFUNC = whosaid._claims_group_add, STYPE = internal, FINALFUNC = whosaid._claims_group_result);
COMMENT ON AGGREGATE whosaid._claims_group(int8, whosaid.claimvec, real) IS
'internal: for quotes in the order of i (sorted by the aggregate), the i of the quote whose claim each joins: the earliest before it sharing an anchor and matching at threshold, followed to its own, else itself';

-- The claims table of a tracked table, or NULL when it has none.
CREATE FUNCTION whosaid._claims_table(t whosaid.tracked, suffix text DEFAULT '_claims') RETURNS regclass
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT c.oid::regclass FROM pg_catalog.pg_class c
		WHERE c.relnamespace OPERATOR(pg_catalog.=) (SELECT q.relnamespace FROM pg_catalog.pg_class q
													  WHERE q.oid OPERATOR(pg_catalog.=) t.quotes_table)
			AND c.relname OPERATOR(pg_catalog.=) (t.prefix OPERATOR(pg_catalog.||) suffix)
			AND c.relkind OPERATOR(pg_catalog.=) 'r');
COMMENT ON FUNCTION whosaid._claims_table(whosaid.tracked, text) IS
'internal: <prefix>_claims (or another suffix) of a tracked table, or NULL';

-- SQL fragments: the time of a quote (a timestamptz expression over q and s,
-- NULL without a time column) and the join to the tracked table it needs.
CREATE FUNCTION whosaid._claims_time(t whosaid.tracked, q text, OUT expr text, OUT join_sql text)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF t.time_column IS NULL THEN
		expr := 'NULL::pg_catalog.timestamptz';
		join_sql := '';
	ELSIF t.time_column = ANY (t.key_columns) THEN
		expr := format('%I.%I::pg_catalog.timestamptz', q, t.time_column);
		join_sql := '';
	ELSE
		expr := format('s.%I::pg_catalog.timestamptz', t.time_column);
		join_sql := format(' JOIN %s s ON %s', t.relid, whosaid._track_join(t, q, 's'));
	END IF;
END
$$;
COMMENT ON FUNCTION whosaid._claims_time(whosaid.tracked, text) IS
'internal: the time of a quote as SQL (from the time column, NULL without one) and the join it needs';

-- Takes the locks of the statement's anchors (see the header), sorted so
-- that two statements take them in the same order.
CREATE FUNCTION whosaid._claims_lock(ctab regclass, anchors int4[])
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a int4;
BEGIN
	IF anchors IS NULL OR cardinality(anchors) = 0 THEN
		RETURN;
	END IF;
	IF cardinality(anchors) > whosaid._claims_max_anchor_locks() THEN
		PERFORM pg_advisory_xact_lock(ctab::oid::int8);
		RETURN;
	END IF;
	PERFORM pg_advisory_xact_lock_shared(ctab::oid::int8);
	FOREACH a IN ARRAY anchors LOOP
		PERFORM pg_advisory_xact_lock(ctab::oid::int4, a);
	END LOOP;
END
$$;
COMMENT ON FUNCTION whosaid._claims_lock(regclass, int4[]) IS
'internal: the advisory locks a statement takes before matching its quotes to claims';

-- What a claim shows, summarised from its quotes in relation m (claim,
-- the key columns, n, content, cv or NULL, speaker, at): the CTEs agg
-- (counts, first and last time), longest (the longest variant), f (the
-- first article: earliest time, then the current first article of ctab
-- when given, then key) and sp (the most cited speakers). Assignment uses
-- it for new claims, the recount for the claims a statement touched.
CREATE FUNCTION whosaid._claims_summary_sql(t whosaid.tracked, ctab regclass)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	keys_m text := whosaid._track_keys(t, 'm');
BEGIN
	RETURN format($f$
agg AS (
	SELECT m.claim, pg_catalog.count(*)::int AS quotes, pg_catalog.count(DISTINCT (%1$s))::int AS articles,
		pg_catalog.min(m.at) AS first_at, pg_catalog.max(m.at) AS last_at
	FROM m GROUP BY m.claim),
longest AS (
	SELECT DISTINCT ON (m.claim) m.claim, m.content, m.cv FROM m
	ORDER BY m.claim, pg_catalog.length(m.content) DESC, m.at NULLS LAST, %1$s, m.n),
f AS (
	SELECT DISTINCT ON (m.claim) m.claim, %1$s FROM m%2$s
	ORDER BY m.claim, m.at NULLS LAST, %3$s%1$s, m.n),
sp AS (
	SELECT x.claim, (pg_catalog.array_agg(x.speaker ORDER BY x.cnt DESC, x.speaker COLLATE "C"))[1] AS speaker,
		pg_catalog.string_agg(pg_catalog.format('%%s (%%s)', x.speaker, x.cnt), ', '
							  ORDER BY x.cnt DESC, x.speaker COLLATE "C") FILTER (WHERE x.r OPERATOR(pg_catalog.<=) 3) AS speakers
	FROM (SELECT m.claim, m.speaker, pg_catalog.count(*) AS cnt,
				 pg_catalog.row_number() OVER (PARTITION BY m.claim ORDER BY pg_catalog.count(*) DESC, m.speaker COLLATE "C") AS r
		  FROM m WHERE m.speaker IS NOT NULL GROUP BY m.claim, m.speaker) x
	GROUP BY x.claim)$f$,
		keys_m,
		CASE WHEN ctab IS NULL THEN '' ELSE format(' JOIN %s c ON c.claim OPERATOR(pg_catalog.=) m.claim', ctab) END,
		CASE WHEN ctab IS NULL THEN '' ELSE
			'(' || (SELECT string_agg(format('c.%I %s m.%I', 'first_' || k, op, k), ' AND ' ORDER BY i)
					FROM unnest(t.key_columns, whosaid._track_key_ops(t.relid, 3)) WITH ORDINALITY AS u(k, op, i))
			|| ') DESC, ' END);
END
$$;
COMMENT ON FUNCTION whosaid._claims_summary_sql(whosaid.tracked, regclass) IS
'internal: the CTEs summarising claims from their quotes (counts, times, longest variant, first article, speakers)';

-- The statement assigning the quotes of relation src (the transition table
-- of an INSERT into <prefix>_quotes, or the quotes table itself) that have no
-- claim and no about yet. New claims are inserted complete; it returns the
-- existing claims it added quotes to, for _claims_recount_sql(). With embed,
-- only its CTEs, for the statement of _track_insert_sql() that inserts the
-- quotes of src (all of them) with their claim and about: they end with an
-- (the quotes with a claim: the key, n and claim) and hold old (the existing
-- claims that gained quotes).
CREATE FUNCTION whosaid._claims_assign_sql(t whosaid.tracked, ctab regclass, ktab regclass, src text,
										   embed boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	tm record := whosaid._claims_time(t, 'q');
	keys_q text := whosaid._track_keys(t, 'q');
	ctes text;
BEGIN
	ctes := format($f$
cvs AS MATERIALIZED (	-- once per distinct content (syndicated quotes repeat), then joined by hash
	SELECT v.content, v.cv
	FROM (SELECT c.content, whosaid.to_claimvec(c.content) AS cv
		  FROM (SELECT DISTINCT q.content COLLATE pg_catalog."C" AS content FROM %4$s q
				WHERE q.content IS NOT NULL%2$s) c OFFSET 0) v
	WHERE whosaid.claim_words(v.cv) OPERATOR(pg_catalog.>=) whosaid._claims_min_words()),
n AS MATERIALIZED (
	SELECT q.i, %1$s, q.n, q.content, d.cv, q.speaker, q.at
	FROM (SELECT row_number() OVER (ORDER BY %3$s NULLS LAST, %1$s, q.n) AS i, %1$s, q.n, q.content, q.speaker, %3$s AS at
		  FROM %4$s q%5$s WHERE q.content IS NOT NULL%2$s) q
		JOIN cvs d ON d.content OPERATOR(pg_catalog.=) q.content COLLATE pg_catalog."C"),
na AS MATERIALIZED (SELECT n.i, a.a FROM n CROSS JOIN LATERAL unnest(whosaid._claim_anchors(n.cv)) AS a(a)),
cand AS MATERIALIZED (SELECT DISTINCT na.i, k.claim FROM na JOIN %6$s k ON k.anchor OPERATOR(pg_catalog.=) na.a),
cc AS MATERIALIZED (
	SELECT c.i, c.claim, n.cv AS x, x.cv AS y
	FROM cand c JOIN n ON n.i OPERATOR(pg_catalog.=) c.i JOIN %7$s x ON x.claim OPERATOR(pg_catalog.=) c.claim),
old AS MATERIALIZED (
	SELECT DISTINCT ON (s.i) s.i, s.claim
	FROM (SELECT cc.i, cc.claim, whosaid.claim_similarity(cc.x, cc.y) AS sim FROM cc) s
	WHERE s.sim OPERATOR(pg_catalog.>=) whosaid._claims_threshold()
	ORDER BY s.i, s.sim DESC, s.claim),
g AS MATERIALIZED (
	SELECT u.i, u.root
	FROM (SELECT pg_catalog.array_agg(n.i ORDER BY n.i) AS i,
				 whosaid._claims_group(n.i, n.cv, whosaid._claims_threshold()) AS root
		  FROM n WHERE NOT EXISTS (SELECT FROM old o WHERE o.i OPERATOR(pg_catalog.=) n.i)) x
		CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(x.i), pg_catalog.unnest(x.root)) AS u(i, root)),
ids AS MATERIALIZED (
	SELECT r.i, pg_catalog.nextval(%8$L::pg_catalog.regclass) AS claim
	FROM (SELECT g.i FROM g WHERE g.root OPERATOR(pg_catalog.=) g.i ORDER BY g.i) r),
asg AS MATERIALIZED (
	SELECT o.i, o.claim FROM old o
	UNION ALL SELECT g.i, ids.claim FROM g JOIN ids ON ids.i OPERATOR(pg_catalog.=) g.root),
m AS MATERIALIZED (
	SELECT asg.claim, n.* FROM asg JOIN n ON n.i OPERATOR(pg_catalog.=) asg.i
	WHERE NOT EXISTS (SELECT FROM old o WHERE o.i OPERATOR(pg_catalog.=) asg.i)),
%9$s,
newc AS (
	INSERT INTO %7$s (claim, content, cv, %10$s, first_seen, last_seen, articles, quotes, speaker, speakers)
	SELECT a.claim, l.content, l.cv, %11$s, coalesce(a.first_at, pg_catalog.now()), coalesce(a.last_at, pg_catalog.now()),
		a.articles, a.quotes, sp.speaker, sp.speakers
	FROM agg a JOIN longest l ON l.claim OPERATOR(pg_catalog.=) a.claim JOIN f ON f.claim OPERATOR(pg_catalog.=) a.claim
		LEFT JOIN sp ON sp.claim OPERATOR(pg_catalog.=) a.claim),
newk AS (
	INSERT INTO %6$s (anchor, claim)
	SELECT DISTINCT a.a, l.claim FROM longest l CROSS JOIN LATERAL unnest(whosaid._claim_anchors(l.cv)) AS a(a)),
an AS (SELECT n.*, asg.claim FROM asg JOIN n ON n.i OPERATOR(pg_catalog.=) asg.i)$f$,
		keys_q, CASE WHEN embed THEN '' ELSE ' AND q.claim IS NULL AND q.about IS NULL' END,
		tm.expr, src, tm.join_sql, ktab, ctab, pg_catalog.pg_get_serial_sequence(ctab::text, 'claim'),
		whosaid._claims_summary_sql(t, NULL),
		(SELECT string_agg(quote_ident('first_' || k), ', ' ORDER BY i) FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)),
		whosaid._track_keys(t, 'f'));
	IF embed THEN
		RETURN ctes;
	END IF;
	RETURN format($f$WITH %1$s,
upd AS (
	UPDATE %2$s q SET claim = an.claim, about = whosaid.to_actorvec(q.content)
	FROM %3$s w LEFT JOIN an ON %5$s AND an.n OPERATOR(pg_catalog.=) w.n
	WHERE %4$s AND q.n OPERATOR(pg_catalog.=) w.n AND w.claim IS NULL AND w.about IS NULL)
SELECT pg_catalog.array_agg(DISTINCT o.claim) FROM old o
$f$,
		ctes, t.quotes_table, src, whosaid._track_join(t, 'q', 'w'), whosaid._track_join(t, 'an', 'w'));
END
$$;
COMMENT ON FUNCTION whosaid._claims_assign_sql(whosaid.tracked, regclass, regclass, text, boolean) IS
'internal: the statement assigning claims to the quotes of a relation that have none, set-based (or its CTEs, for the insert of the quotes)';

-- The statement recounting the claims in $1 from <prefix>_quotes (see
-- _claims_summary_sql(); the anchors follow the longest variant when it
-- changes); claims left without quotes are deleted with their anchors.
CREATE FUNCTION whosaid._claims_recount_sql(t whosaid.tracked, ctab regclass, ktab regclass)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	tm record := whosaid._claims_time(t, 'q');
	set_first text := (SELECT string_agg(format('%I = f.%I', 'first_' || k, k), ', ' ORDER BY i)
					   FROM unnest(t.key_columns) WITH ORDINALITY u(k, i));
BEGIN
	RETURN format($f$
WITH ids AS MATERIALIZED (SELECT DISTINCT x.claim FROM unnest($1::pg_catalog.int8[]) AS x(claim)),
m AS MATERIALIZED (
	SELECT q.claim, %1$s, q.n, q.content, NULL::whosaid.claimvec AS cv, q.speaker, %2$s AS at
	FROM ids JOIN %3$s q ON q.claim OPERATOR(pg_catalog.=) ids.claim%4$s),
%5$s,
changed AS MATERIALIZED (
	SELECT c.claim, c.cv AS old_cv, l.content, whosaid.to_claimvec(l.content) AS cv
	FROM %6$s c JOIN longest l ON l.claim OPERATOR(pg_catalog.=) c.claim
	WHERE c.content IS DISTINCT FROM l.content),
was AS (SELECT ch.claim, a.a FROM changed ch, unnest(whosaid._claim_anchors(ch.old_cv)) a(a)),
now AS (SELECT ch.claim, a.a FROM changed ch, unnest(whosaid._claim_anchors(ch.cv)) a(a)),
gone AS MATERIALIZED (
	DELETE FROM %6$s c USING ids WHERE c.claim OPERATOR(pg_catalog.=) ids.claim
		AND NOT EXISTS (SELECT FROM agg WHERE agg.claim OPERATOR(pg_catalog.=) c.claim)
	RETURNING c.claim, c.cv),
dk AS (
	DELETE FROM %7$s k USING (SELECT g.claim, a.a FROM gone g, unnest(whosaid._claim_anchors(g.cv)) a(a)
							  UNION ALL (TABLE was EXCEPT TABLE now)) d
	WHERE k.anchor OPERATOR(pg_catalog.=) d.a AND k.claim OPERATOR(pg_catalog.=) d.claim),
ik AS (INSERT INTO %7$s (claim, anchor) TABLE now EXCEPT TABLE was)
UPDATE %6$s c SET
	content = coalesce(ch.content, c.content), cv = coalesce(ch.cv, c.cv),
	%8$s,
	first_seen = coalesce(a.first_at, c.first_seen),
	last_seen = coalesce(a.last_at, GREATEST(c.last_seen, $2)),
	articles = a.articles, quotes = a.quotes, speaker = sp.speaker, speakers = sp.speakers
FROM agg a JOIN f ON f.claim OPERATOR(pg_catalog.=) a.claim
	LEFT JOIN sp ON sp.claim OPERATOR(pg_catalog.=) a.claim
	LEFT JOIN changed ch ON ch.claim OPERATOR(pg_catalog.=) a.claim
WHERE c.claim OPERATOR(pg_catalog.=) a.claim
$f$,
		whosaid._track_keys(t, 'q'), tm.expr, t.quotes_table, tm.join_sql,
		whosaid._claims_summary_sql(t, ctab), ctab, ktab, set_first);
END
$$;
COMMENT ON FUNCTION whosaid._claims_recount_sql(whosaid.tracked, regclass, regclass) IS
'internal: the statement recounting some claims from the quotes and deleting those left without any';

-- Statement triggers of <prefix>_quotes. TG_ARGV: the tracked table, the
-- claims table, the anchors table (qualified names). The tracked table is
-- found through the foreign key of <prefix>_quotes, so that a renamed table
-- keeps its claims (TG_ARGV[0] is what the trigger was created for). They run
-- as whoever writes the quotes: the tracked table's owner, through track()'s
-- triggers.
CREATE FUNCTION whosaid._claims_config(quotes regclass, args text[],
									   OUT t whosaid.tracked, OUT ctab regclass, OUT ktab regclass)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	args := args[array_lower(args, 1):array_upper(args, 1)];	-- TG_ARGV counts from 0
	t := whosaid._tracked(coalesce((SELECT f.confrelid FROM pg_constraint f
									WHERE f.conrelid = quotes AND f.contype = 'f' AND f.conparentid = 0
									ORDER BY f.oid LIMIT 1)::regclass, args[1]::regclass));
	ctab := args[2]::regclass;
	ktab := args[3]::regclass;
END
$$;
COMMENT ON FUNCTION whosaid._claims_config(regclass, text[]) IS
'internal: the tracked table, claims table and anchors table a claims trigger works on';

CREATE FUNCTION whosaid.claims_insert()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
-- the bulk plan's disabled nested loops cost 1e10 each, which would start
-- JIT compilation (1.5 s for the assignment of 10,000 articles, docs/claims.md)
SET jit = off
AS $$
DECLARE
	cf record := whosaid._claims_config(TG_RELID, TG_ARGV);
	anchors int4[];
	todo bigint;
	bulk boolean;
	ids bigint[];
	nestloop text;
BEGIN
	-- the quotes to assign: those written without (a bulk write to the
	-- tracked table writes its quotes with their claim and about,
	-- _track_insert_sql()); a heuristic: so many quotes would mostly need
	-- about as many anchor locks, so they lock the whole table without computing them
	SELECT count(*) INTO todo FROM whosaid_new q WHERE q.claim IS NULL AND q.about IS NULL;
	IF todo = 0 THEN
		RETURN NULL;
	END IF;
	bulk := todo > whosaid._claims_max_anchor_locks();
	IF NOT bulk THEN
		SELECT array_agg(DISTINCT a ORDER BY a) INTO anchors
		FROM whosaid_new q CROSS JOIN LATERAL (SELECT whosaid.to_claimvec(q.content) AS cv) v
			CROSS JOIN LATERAL unnest(whosaid._claim_anchors(v.cv)) a
		WHERE q.claim IS NULL AND q.about IS NULL AND whosaid.claim_words(v.cv) >= whosaid._claims_min_words();
		bulk := cardinality(anchors) > whosaid._claims_max_anchor_locks();
	END IF;
	IF bulk THEN
		PERFORM pg_advisory_xact_lock(cf.ctab::oid::int8);
	ELSE
		PERFORM whosaid._claims_lock(cf.ctab, anchors);
	END IF;
	-- The planner takes a transition table for a few rows: on a bulk
	-- statement it would match the quotes by nested loops over CTEs.
	nestloop := current_setting('enable_nestloop');
	IF bulk THEN
		PERFORM set_config('enable_nestloop', 'off', true);
	END IF;
	-- a new statement, hence a new snapshot: it sees the claims of whoever held the locks before
	EXECUTE whosaid._claims_assign_sql(cf.t, cf.ctab, cf.ktab, 'whosaid_new') INTO ids;
	IF ids IS NOT NULL THEN
		EXECUTE whosaid._claims_recount_sql(cf.t, cf.ctab, cf.ktab) USING ids, now();
	END IF;
	PERFORM set_config('enable_nestloop', nestloop, true);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION whosaid.claims_insert() IS
'statement trigger of <prefix>_quotes: the actors each new quote names, and the claim it belongs to';

CREATE FUNCTION whosaid.claims_delete()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cf record := whosaid._claims_config(TG_RELID, TG_ARGV);
	ids bigint[];
BEGIN
	SELECT array_agg(DISTINCT claim) INTO ids FROM whosaid_old WHERE claim IS NOT NULL;
	IF ids IS NOT NULL THEN
		EXECUTE whosaid._claims_recount_sql(cf.t, cf.ctab, cf.ktab) USING ids, NULL::timestamptz;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION whosaid.claims_delete() IS
'statement trigger of <prefix>_quotes: recounts the claims of deleted quotes and deletes claims left without quotes';

-- The views (plain column types, for BI tools).
CREATE FUNCTION whosaid._claims_views(t whosaid.tracked, ctab regclass)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	nsp name := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ctab);
	tm record := whosaid._claims_time(t, 'q');
	at text := CASE WHEN t.time_column IS NULL THEN 'c.first_seen' ELSE tm.expr END;
	keys_q text := whosaid._track_keys(t, 'q');
BEGIN
	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT q.claim, (%s)::pg_catalog.date AS day,'
		' pg_catalog.count(DISTINCT (%s))::int AS articles, pg_catalog.count(*)::int AS quotes'
		' FROM %s q JOIN %s c ON c.claim OPERATOR(pg_catalog.=) q.claim%s GROUP BY 1, 2',
		nsp, t.prefix || '_claim_spread', at, keys_q, t.quotes_table, ctab, tm.join_sql);
	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT q.claim, q.speaker, pg_catalog.count(*)::int AS quotes,'
		' pg_catalog.min(%s) AS first_seen'
		' FROM %s q JOIN %s c ON c.claim OPERATOR(pg_catalog.=) q.claim%s'
		' WHERE q.speaker IS NOT NULL GROUP BY 1, 2',
		nsp, t.prefix || '_claim_speakers', at, t.quotes_table, ctab, tm.join_sql);
	EXECUTE format(
		'CREATE VIEW %1$I.%2$I AS SELECT x.claim, c.content, x.speaker, x.quotes, x.first_seen, %3$s'
		' FROM (SELECT q.claim, q.speaker, pg_catalog.count(*)::int AS quotes, pg_catalog.min(%4$s) AS first_seen, %9$s,'
		' pg_catalog.count(*) OVER (PARTITION BY q.claim) AS speakers'
		' FROM %6$s q JOIN %7$s c ON c.claim OPERATOR(pg_catalog.=) q.claim%8$s'
		' WHERE q.speaker IS NOT NULL GROUP BY q.claim, q.speaker) x'
		' JOIN %7$s c ON c.claim OPERATOR(pg_catalog.=) x.claim WHERE x.speakers OPERATOR(pg_catalog.>) 1',
		nsp, t.prefix || '_disputed_claims',
		(SELECT string_agg(format('x.%I', 'first_' || k), ', ' ORDER BY i)
		 FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)),
		at, keys_q, t.quotes_table, ctab, tm.join_sql,
		(SELECT string_agg(format('(pg_catalog.array_agg(q.%I ORDER BY %s, %s, q.n))[1] AS %I', k, at, keys_q, 'first_' || k),
						   ', ' ORDER BY i)
		 FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)));
	EXECUTE format('COMMENT ON VIEW %I.%I IS %L', nsp, t.prefix || '_claim_spread',
		format('how the claims quoted in %s spread: articles and quotes per claim and day', t.relid));
	EXECUTE format('COMMENT ON VIEW %I.%I IS %L', nsp, t.prefix || '_claim_speakers',
		format('who is credited with each claim quoted in %s: quotes and first time per speaker', t.relid));
	EXECUTE format('COMMENT ON VIEW %I.%I IS %L', nsp, t.prefix || '_disputed_claims',
		format('claims quoted in %s credited to more than one speaker, each with its count and first article', t.relid));
END
$$;
COMMENT ON FUNCTION whosaid._claims_views(whosaid.tracked, regclass) IS
'internal: creates the claim views of a tracked table';

-- Adds claims to a tracked table, new or tracked before (0.1): columns,
-- tables, triggers, views and grants; then assigns the quotes already there,
-- in time order.
CREATE FUNCTION whosaid.track_claims(tbl regclass)
RETURNS regclass
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
SET jit = off	-- as claims_insert()
AS $$
DECLARE
	t whosaid.tracked;
	nsp name;
	ctab regclass;
	ktab regclass;
	args text;
	grantees text[];
	ids bigint[];
	nestloop text := current_setting('enable_nestloop');
BEGIN
	PERFORM whosaid._track_check_owner(tbl, 'add claims to it');
	t := whosaid._tracked(tbl);
	IF whosaid._claims_table(t) IS NOT NULL THEN
		RAISE EXCEPTION 'table % already has claims', tbl
			USING ERRCODE = 'duplicate_object',
				  HINT = format('Its claims are in %s.', whosaid._claims_table(t));
	END IF;
	nsp := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = t.quotes_table);
	IF EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			   WHERE n.nspname = nsp AND c.relname IN (t.prefix || '_claim_anchors', t.prefix || '_claim_spread',
													   t.prefix || '_claim_speakers', t.prefix || '_disputed_claims')) THEN
		RAISE EXCEPTION 'a relation named %_claim_* or %_disputed_claims already exists in schema "%"', t.prefix, t.prefix, nsp
			USING ERRCODE = 'duplicate_table';
	END IF;
	EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', tbl);

	EXECUTE format(
		'CREATE TABLE %I.%I (claim bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, content text NOT NULL,'
		' cv whosaid.claimvec NOT NULL, %s, first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL,'
		' articles int NOT NULL, quotes int NOT NULL, speaker text, speakers text)',
		nsp, t.prefix || '_claims',
		(SELECT string_agg(format('%I %s', 'first_' || k, ty), ', ' ORDER BY i)
		 FROM unnest(t.key_columns, t.key_types) WITH ORDINALITY u(k, ty, i)));
	ctab := format('%I.%I', nsp, t.prefix || '_claims')::regclass;
	-- a long pending list: a statement's new claims are appended, and merged
	-- into the index in bulk by (auto)vacuum (docs/claims.md, "Speed")
	EXECUTE format('CREATE INDEX ON %s USING gin (cv) WITH (gin_pending_list_limit = 65536)', ctab);
	EXECUTE format('COMMENT ON TABLE %s IS %L', ctab,
		format('claims quoted in %s: the same words across its rows, kept current by whosaid.track_claims()', tbl));
	EXECUTE format('CREATE TABLE %I.%I (anchor int4 NOT NULL, claim bigint NOT NULL, PRIMARY KEY (anchor, claim))',
				   nsp, t.prefix || '_claim_anchors');
	ktab := format('%I.%I', nsp, t.prefix || '_claim_anchors')::regclass;
	EXECUTE format('COMMENT ON TABLE %s IS %L', ktab,
		format('internal to whosaid.track_claims(): the anchors of the claims in %s', ctab));

	EXECUTE format('ALTER TABLE %s ADD COLUMN claim bigint, ADD COLUMN about whosaid.actorvec', t.quotes_table);
	EXECUTE format('CREATE INDEX ON %s (claim)', t.quotes_table);

	args := format('%L, %L, %L', whosaid._track_qualified(tbl), ctab::text, ktab::text);
	EXECUTE format('CREATE TRIGGER whosaid_claims_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS whosaid_new'
				   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.claims_insert(%s)', t.quotes_table, args);
	EXECUTE format('CREATE TRIGGER whosaid_claims_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS whosaid_old'
				   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.claims_delete(%s)', t.quotes_table, args);

	PERFORM whosaid._claims_views(t, ctab);

	-- whoever may read the quotes may read the claims (as track() grants)
	SELECT array_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END)
	INTO grantees
	FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
	WHERE c.oid = t.quotes_table AND a.privilege_type = 'SELECT' AND a.grantee <> c.relowner;
	IF grantees IS NOT NULL THEN
		EXECUTE format('GRANT SELECT ON %s, %I.%I, %I.%I, %I.%I TO %s', ctab,
			nsp, t.prefix || '_claim_spread', nsp, t.prefix || '_claim_speakers',
			nsp, t.prefix || '_disputed_claims', array_to_string(grantees, ', '));
	END IF;

	-- the quotes already there, in time order (one statement: the table is locked)
	PERFORM set_config('enable_nestloop', 'off', true);
	EXECUTE whosaid._claims_assign_sql(t, ctab, ktab, t.quotes_table::text) INTO ids;
	PERFORM set_config('enable_nestloop', nestloop, true);
	RETURN ctab;
END
$$;
COMMENT ON FUNCTION whosaid.track_claims(regclass) IS
'adds claims to a tracked table: <prefix>_quotes.claim and .about, <prefix>_claims and its views, kept current from now on; assigns the quotes already there';

CREATE FUNCTION whosaid.who_said(tbl regclass, words text, n int DEFAULT 10)
RETURNS TABLE (claim bigint, content text, speakers text, first_article text, first_seen timestamptz,
			   articles int, quotes int, similarity real)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
-- the claims table always has its GIN index; the planner, costing one search per
-- query key (a paragraph has hundreds), would otherwise scan every claim, and
-- starting parallel workers costs more than the few candidates the index gives
SET enable_seqscan = off SET max_parallel_workers_per_gather = 0
AS $$
DECLARE
	t whosaid.tracked := whosaid._tracked(tbl);
	ctab regclass := whosaid._claims_table(t);
BEGIN
	IF ctab IS NULL THEN
		RAISE EXCEPTION 'table % has no claims', tbl
			USING ERRCODE = 'undefined_table',
				  HINT = format('Call whosaid.track_claims(%L) first.', tbl::text);
	END IF;
	RETURN QUERY EXECUTE format(
		'SELECT c.claim, c.content, c.speakers, (%s)::pg_catalog.text, c.first_seen, c.articles, c.quotes,'
		' whosaid.claim_similarity(c.cv, $1) AS similarity FROM %s c WHERE whosaid.claim_matches(c.cv, $1)'
		' ORDER BY 8 DESC, c.articles DESC, c.claim LIMIT $2',
		CASE WHEN cardinality(t.key_columns) = 1 THEN format('c.%I', 'first_' || t.key_columns[1])
			 ELSE 'ROW(' || (SELECT string_agg(format('c.%I', 'first_' || k), ', ' ORDER BY i)
							 FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)) || ')' END,
		ctab)
		USING whosaid.to_claimvec(words), n;
END
$$;
COMMENT ON FUNCTION whosaid.who_said(regclass, text, int) IS
'the claims of a tracked table matching some words (a fragment or a paragraph), best first: content, speakers, first article and time, articles, quotes, similarity';

-- Drops the claim views and tables of a tracked table (untrack() with
-- drop_tables, and the DROP event trigger, through _track_drop_views()).
CREATE FUNCTION whosaid._claims_drop(t whosaid.tracked)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	nsp name := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				 WHERE c.oid IN (t.quotes_table, t.relid) LIMIT 1);
	r regclass;
BEGIN
	IF nsp IS NULL THEN
		RETURN;
	END IF;
	FOR r IN
		SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = nsp AND c.relkind IN ('r', 'v')
			AND c.relname IN (t.prefix || '_claim_spread', t.prefix || '_claim_speakers', t.prefix || '_disputed_claims',
							  t.prefix || '_claims', t.prefix || '_claim_anchors')
			AND (c.relkind = 'v' OR obj_description(c.oid, 'pg_class') ~ 'whosaid\.track_claims\(\)')
		ORDER BY c.relkind DESC
	LOOP
		EXECUTE format('DROP %s IF EXISTS %s', CASE WHEN (SELECT relkind FROM pg_class WHERE oid = r) = 'v' THEN 'VIEW' ELSE 'TABLE' END, r);
	END LOOP;
	FOR r, nsp IN SELECT g.tgrelid, g.tgname FROM pg_trigger g
				  WHERE g.tgrelid = t.quotes_table AND g.tgname IN ('whosaid_claims_insert', 'whosaid_claims_delete') LOOP
		EXECUTE format('DROP TRIGGER %I ON %s', nsp, r);
	END LOOP;
END
$$;
COMMENT ON FUNCTION whosaid._claims_drop(whosaid.tracked) IS
'internal: drops the claims table, its anchors and the claim views of a tracked table';

-- ---------------------------------------------------------------- 60_grants.sql (new in 0.2)
GRANT USAGE ON SCHEMA whosaid TO PUBLIC;

REVOKE EXECUTE ON FUNCTION
	whosaid._tracked_add_definer(regclass, name, name, text, regclass, regclass),
	whosaid._tracked_remove_definer(regclass),
	whosaid._tracked_progress_definer(regclass, text[], bigint, timestamptz),
	whosaid._tracked_rename_definer(regclass, name),
	whosaid._track_insert(),
	whosaid._track_update(),
	whosaid.tracked_drop()
FROM PUBLIC;

-- ---------------------------------------------------------------- 40_track.sql: event triggers (new in 0.2)
CREATE EVENT TRIGGER whosaid_tracked_cascade ON sql_drop
	EXECUTE FUNCTION whosaid.tracked_cascade();
CREATE EVENT TRIGGER whosaid_tracked_ddl ON ddl_command_end
	WHEN TAG IN ('ALTER TABLE', 'CREATE TABLE')
	EXECUTE FUNCTION whosaid.tracked_ddl();

-- ---------------------------------------------------------------- tables tracked under 0.1
-- 0.2's triggers carry the table's configuration as arguments (quotes table,
-- actors table, body and key columns) and no longer read the catalog: each
-- tracked table (and each of its partitions) gets 0.2's triggers, which run
-- as the table's owner. 0.2's track() gives whoever may read a tracked table
-- SELECT on its side tables and views; so does the update.
DO $$
DECLARE
	t whosaid.tracked;
BEGIN
	FOR t IN SELECT * FROM whosaid.tracked ORDER BY relid LOOP
		PERFORM whosaid._track_triggers(t, false);
		PERFORM whosaid._track_copy_grants(t);
	END LOOP;
END
$$;
-- A GRANT run by an extension script is recorded in pg_init_privs as the
-- extension's initial privilege, even on objects that are not the extension's;
-- pg_dump would then leave these grants out of a dump. They are the user's.
DELETE FROM pg_catalog.pg_init_privs i
WHERE i.classoid = 'pg_catalog.pg_class'::regclass AND i.privtype = 'e'
	AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
					WHERE d.classid = i.classoid AND d.objid = i.objoid AND d.deptype = 'e');
