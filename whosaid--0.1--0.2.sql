-- whosaid 0.1 -> 0.2 update script: ALTER EXTENSION whosaid UPDATE TO '0.2'.
-- It brings a 0.1 installation to exactly what whosaid--0.2.sql (src/sql/*.sql)
-- creates; test/cli/upgrade.sh compares the two databases object by object and
-- checks that tables tracked under 0.1 keep working. In order: the catalog
-- table, pieces new in 0.2 and changed attributes of 0.1's functions, every
-- new or changed function and procedure (drafted with test/update_draft.py
-- 0.1), privileges, then the tables tracked under 0.1. docs/upgrading.md says
-- what the update does to them.
\echo Use "ALTER EXTENSION whosaid UPDATE TO '0.2'" to load this file. \quit

-- ---------------------------------------------------------------- 40_track.sql: the catalog's privileges
-- Only the extension's functions write whosaid.tracked; a role reads the rows
-- of the tables it owns or may read.
DROP POLICY tracked_write ON whosaid.tracked;
ALTER POLICY tracked_read ON whosaid.tracked
	USING (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) relid), 'USAGE')
		OR pg_catalog.has_table_privilege(relid, 'SELECT'));
REVOKE ALL ON whosaid.tracked FROM PUBLIC;
GRANT SELECT ON whosaid.tracked TO PUBLIC;

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

-- ---------------------------------------------------------------- 70_costs.sql (new in 0.2)
ALTER FUNCTION whosaid.quotes(text) COST 80;
ALTER FUNCTION whosaid.actors(text) COST 55;
ALTER FUNCTION whosaid.mentions(text) COST 60;
ALTER FUNCTION whosaid.to_actorvec(text) COST 75;
ALTER FUNCTION whosaid.highlight(text, whosaid.actorquery, text) COST 100;

-- ---------------------------------------------------------------- routines
-- New and changed functions and procedures (drafted with test/update_draft.py 0.1).

CREATE OR REPLACE FUNCTION whosaid._track_insert()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
	t whosaid.tracked;
	k text[];
	b text;
BEGIN
	SELECT * INTO t FROM whosaid.tracked WHERE relid = TG_RELID;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	BEGIN
		EXECUTE whosaid._track_insert_sql(t, 'whosaid_new', false);
	EXCEPTION WHEN others THEN
		FOR k, b IN EXECUTE whosaid._track_rows_sql(t, 'whosaid_new') LOOP
			BEGIN
				EXECUTE whosaid._track_insert_sql(t, whosaid._track_row_src(t), false) USING k, b;
			EXCEPTION WHEN others THEN
				RAISE WARNING 'cannot extract quotes and actors of row % of table %: %', k, TG_RELID::regclass, SQLERRM
					USING HINT = 'The row is stored without them; UPDATE its body to try again.';
			END;
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
	t whosaid.tracked;
	changed text;
	k text[];
	b text;
BEGIN
	SELECT * INTO t FROM whosaid.tracked WHERE relid = TG_RELID;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
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
	EXCEPTION WHEN others THEN
		FOR k, b IN EXECUTE whosaid._track_rows_sql(t, changed) LOOP
			BEGIN
				EXECUTE whosaid._track_insert_sql(t, whosaid._track_row_src(t), false) USING k, b;
			EXCEPTION WHEN others THEN
				RAISE WARNING 'cannot extract quotes and actors of row % of table %: %', k, TG_RELID::regclass, SQLERRM
					USING HINT = 'The row is stored without them; UPDATE its body to try again.';
			END;
		END LOOP;
	END;
	RETURN NULL;
END
$function$;
COMMENT ON FUNCTION whosaid._track_update() IS 'internal: body of whosaid.track_update(), run as the owner of the tracked table';

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
BEGIN
	SELECT * INTO t FROM whosaid.tracked WHERE relid = tbl;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', tbl
			USING ERRCODE = 'undefined_object',
				  HINT = format('Call whosaid.track(%L) first.', tbl::text);
	END IF;
	RETURN t;
END
$function$;

CREATE OR REPLACE FUNCTION whosaid._track_insert_sql(t whosaid.tracked, src text, on_conflict boolean, ctes text DEFAULT NULL::text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN format('WITH %8$s iq AS (INSERT INTO %1$s (%2$s, n, kind, content, content_span, speaker, speaker_mention, speaker_span, cue, cue_span) SELECT %3$s, x.n, x.kind, x.content, x.content_span, x.speaker, x.speaker_mention, x.speaker_span, x.cue, x.cue_span FROM %4$s s CROSS JOIN LATERAL whosaid.quotes(s.%5$I::pg_catalog.text) x%6$s) INSERT INTO %7$s (%2$s, n, actor, kind, role, affiliation, aliases, mentions, first_span) SELECT %3$s, x.ordinality, x.actor, x.kind, x.role, x.affiliation, x.aliases, x.mentions, x.first_span FROM %4$s s CROSS JOIN LATERAL whosaid.actors(s.%5$I::pg_catalog.text) WITH ORDINALITY x%6$s'::text, (t).quotes_table, whosaid._track_keys(t), whosaid._track_keys(t, 's'::text), src, (t).body_column, CASE WHEN on_conflict THEN ' ON CONFLICT DO NOTHING'::text ELSE ''::text END, (t).actors_table, COALESCE((ctes || ','::text), ''::text));

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
	t whosaid.tracked;
	grantees text[];
BEGIN
	SELECT c.oid, c.relname, c.relkind, n.nspname INTO rel
	FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = tbl;
	PERFORM whosaid._track_check_owner(tbl, 'track it');
	IF rel.relkind NOT IN ('r', 'p') THEN
		RAISE EXCEPTION '% is not a table', tbl
			USING ERRCODE = 'wrong_object_type',
				  DETAIL = 'Only ordinary and partitioned tables can be tracked.';
	END IF;
	-- CREATE TRIGGER takes this lock anyway; taking it first keeps the checks valid.
	EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', tbl);
	IF EXISTS (SELECT FROM whosaid.tracked w WHERE w.relid = tbl) THEN
		RAISE EXCEPTION 'table % is already tracked', tbl
			USING ERRCODE = 'duplicate_object',
				  HINT = format('Call whosaid.untrack(%L) first to track it again.', tbl::text);
	END IF;

	-- the type's category, or its base type's for a domain
	SELECT coalesce(bt.typcategory, ty.typcategory) INTO body_cat
	FROM pg_catalog.pg_attribute a
		JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
		LEFT JOIN pg_catalog.pg_type bt ON bt.oid = ty.typbasetype
	WHERE a.attrelid = tbl AND a.attname = body_column AND a.attnum > 0 AND NOT a.attisdropped;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'column "%" of table % does not exist', body_column, tbl
			USING ERRCODE = 'undefined_column';
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

	EXECUTE format('CREATE TRIGGER whosaid_track_insert AFTER INSERT ON %s'
				   ' REFERENCING NEW TABLE AS whosaid_new'
				   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.track_insert()', tbl);
	EXECUTE format('CREATE TRIGGER whosaid_track_update AFTER UPDATE ON %s'
				   ' REFERENCING OLD TABLE AS whosaid_old NEW TABLE AS whosaid_new'
				   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.track_update()', tbl);

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
BEGIN
	PERFORM whosaid._track_check_owner(tbl, 'untrack it');
	SELECT * INTO t FROM whosaid.tracked WHERE relid = tbl;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', tbl
			USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM whosaid._tracked_remove(tbl);
	EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_insert ON %s', tbl);
	EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_update ON %s', tbl);
	IF drop_tables THEN
		PERFORM whosaid._track_drop_views(t);
		EXECUTE format('DROP TABLE %s, %s', t.quotes_table, t.actors_table);
	END IF;
END
$function$;

CREATE OR REPLACE PROCEDURE whosaid.backfill(IN tbl regclass, IN batch_size integer DEFAULT 1000, IN restart boolean DEFAULT false)
 LANGUAGE plpgsql
AS $procedure$
DECLARE
	-- Without SET search_path, these types are looked up with the caller's:
	-- qualified, or SQL keywords (bigint).
	t whosaid.tracked;
	after_cond pg_catalog.text;
	range_cond pg_catalog.text;
	cnt bigint;
	upper_key pg_catalog.text[];
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
	IF restart THEN
		PERFORM whosaid._tracked_progress(tbl, NULL, 0, NULL);
		t := whosaid._tracked(tbl);
	ELSIF t.backfilled_at IS NOT NULL THEN
		RAISE NOTICE 'table % is already backfilled', tbl
			USING HINT = 'CALL whosaid.backfill(..., restart => true) extracts all rows again.';
		PERFORM pg_catalog.set_config('search_path', caller_path, true);
		RETURN;
	END IF;
	EXECUTE format('SELECT count(*) FROM %s', tbl) INTO total;
	done := t.backfill_rows;

	range_cond := whosaid._track_key_cmp(t, 2, 2);
	LOOP
		after_cond := CASE WHEN t.backfill_after IS NULL THEN 'true'
						   ELSE whosaid._track_key_cmp(t, 5, 1) END;
		-- Lock the batch first: an UPDATE of one of its rows then waits for this
		-- batch to commit, and its trigger replaces what the batch wrote.
		EXECUTE format('SELECT count(*) OVER (), ARRAY[%s] FROM (SELECT %s FROM %s WHERE %s ORDER BY %s'
					   ' LIMIT $3 FOR SHARE) s ORDER BY %s LIMIT 1',
					   (SELECT string_agg(format('s.%I::pg_catalog.text', k), ', ') FROM unnest(t.key_columns) k),
					   whosaid._track_keys(t), tbl, after_cond, whosaid._track_keys(t),
					   (SELECT string_agg(format('%I DESC', k), ', ') FROM unnest(t.key_columns) k))
			INTO cnt, upper_key USING t.backfill_after, NULL::text[], batch_size;
		EXIT WHEN cnt IS NULL;

		EXECUTE format('DELETE FROM %s WHERE %s AND %s', t.quotes_table, after_cond, range_cond)
			USING t.backfill_after, upper_key;
		EXECUTE format('DELETE FROM %s WHERE %s AND %s', t.actors_table, after_cond, range_cond)
			USING t.backfill_after, upper_key;
		-- ON CONFLICT: a row inserted since the lock was taken has been extracted by its trigger.
		batch_cte := format('b AS MATERIALIZED (SELECT %s, %I FROM %s WHERE %s AND %s FOR SHARE)',
							whosaid._track_keys(t), t.body_column, tbl, after_cond, range_cond);
		BEGIN
			EXECUTE whosaid._track_insert_sql(t, 'b', true, batch_cte) USING t.backfill_after, upper_key;
		EXCEPTION WHEN others THEN
			FOR row_key, row_body IN EXECUTE whosaid._track_rows_sql(t, 'b', batch_cte) USING t.backfill_after, upper_key LOOP
				BEGIN
					EXECUTE whosaid._track_insert_sql(t, whosaid._track_row_src(t), true) USING row_key, row_body;
				EXCEPTION WHEN others THEN
					RAISE WARNING 'cannot extract quotes and actors of row % of table %: %', row_key, tbl, SQLERRM
						USING HINT = 'The row is left without them; UPDATE its body to try again.';
				END;
			END LOOP;
		END;

		done := done + cnt;
		run_rows := run_rows + cnt;
		PERFORM whosaid._tracked_progress(tbl, upper_key, done, NULL);
		t := whosaid._tracked(tbl);
		COMMIT;
		PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);

		IF clock_timestamp() - last_notice >= interval '2 s' THEN
			last_notice := clock_timestamp();
			secs := greatest(extract(epoch FROM last_notice - started)::float8, 0.001);
			rate := run_rows / secs;
			RAISE NOTICE '%/% rows, % %%, % rows/s, about % s left',
				done, greatest(total, done), round(100.0 * done / greatest(total, done, 1)),
				round(rate), round(greatest(total - done, 0) / greatest(rate, 0.001));
		END IF;
	END LOOP;

	PERFORM whosaid._tracked_progress(tbl, t.backfill_after, t.backfill_rows, now());
	COMMIT;
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
	secs := greatest(extract(epoch FROM clock_timestamp() - started)::float8, 0.001);
	RAISE NOTICE 'backfill of % done: % rows in % s (% rows/s)',
		tbl, run_rows, round(secs::numeric, 1), round(run_rows / secs);
	PERFORM pg_catalog.set_config('search_path', caller_path, true);
END
$procedure$;

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
	time_col text := CASE WHEN t.time_column IS NULL THEN '' ELSE format('s.%I, ', t.time_column) END;
	time_join text := CASE WHEN t.time_column IS NULL THEN ''
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
		CASE WHEN has_time THEN format(', min(s.%1$I) AS first_quoted, max(s.%1$I) AS last_quoted', t.time_column)
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
	nsp name := (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
				 WHERE c.oid = t.quotes_table);
	suffix text;
BEGIN
	FOREACH suffix IN ARRAY ARRAY['_who_said_what', '_named_actors', '_top_speakers', '_actor_pairs'] LOOP
		EXECUTE format('DROP VIEW IF EXISTS %I.%I', nsp, t.prefix || suffix);
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

-- ---------------------------------------------------------------- 60_grants.sql (new in 0.2)
GRANT USAGE ON SCHEMA whosaid TO PUBLIC;

REVOKE EXECUTE ON FUNCTION
	whosaid._tracked_add_definer(regclass, name, name, text, regclass, regclass),
	whosaid._tracked_remove_definer(regclass),
	whosaid._tracked_progress_definer(regclass, text[], bigint, timestamptz),
	whosaid._track_insert(),
	whosaid._track_update(),
	whosaid.tracked_drop()
FROM PUBLIC;

-- ---------------------------------------------------------------- tables tracked under 0.1
-- 0.2's track() gives whoever may read a tracked table SELECT on its side
-- tables and views; do the same for the tables tracked under 0.1. Their
-- triggers keep their names and now run 0.2's trigger functions (as the
-- table's owner).
DO $$
DECLARE
	t whosaid.tracked;
BEGIN
	FOR t IN SELECT * FROM whosaid.tracked ORDER BY relid LOOP
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
