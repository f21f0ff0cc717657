-- 40_track.sql — tracked tables. whosaid.track() puts <table>_quotes and
-- <table>_actors next to a source table and keeps them current with
-- statement-level triggers; whosaid.backfill() extracts the rows that predate
-- tracking; whosaid.untrack() undoes it. whosaid.tracked is the catalog.
--
-- Statement-level triggers with transition tables run the extraction once per
-- statement over all new rows (one INSERT ... SELECT per derived table), which
-- is what keeps bulk loads cheap; everything is plpgsql with dynamic SQL built
-- with format(%I), so any primary key (composite, any type) works. The
-- triggers carry their configuration as arguments and never read the catalog;
-- two event triggers keep catalog and triggers in step with DDL (renames,
-- partitions, drops). docs/tracking-operations.md says what is guaranteed.

CREATE TABLE whosaid.tracked (
	relid			regclass PRIMARY KEY,
	body_column		name NOT NULL,
	key_columns		name[] NOT NULL,
	key_types		text[] NOT NULL,
	quotes_table	regclass NOT NULL,
	actors_table	regclass NOT NULL,
	time_column		name,
	prefix			text NOT NULL,
	tracked_at		timestamptz NOT NULL DEFAULT now(),
	backfill_after	text[],
	backfill_rows	bigint NOT NULL DEFAULT 0,
	backfilled_at	timestamptz
);

COMMENT ON TABLE whosaid.tracked IS
'tables tracked by whosaid.track(): derived tables, key, body and time columns, backfill progress';
COMMENT ON COLUMN whosaid.tracked.backfill_after IS
'primary key (as text) of the last row of the last committed backfill batch; NULL before the first';
COMMENT ON COLUMN whosaid.tracked.key_types IS
'the key columns'' types when tracked (informational: the functions read them from the table)';
COMMENT ON COLUMN whosaid.tracked.backfilled_at IS
'when whosaid.backfill() last reached the end of the table';

-- pg_dump keeps the rows (the derived tables and triggers are ordinary user objects).
SELECT pg_catalog.pg_extension_config_dump('whosaid.tracked', '');

-- Only the extension's own functions write the catalog (whosaid._tracked_add()
-- and the others in 45_tracked_access.sql, which check that the caller owns the
-- table); a role sees the rows of the tables it owns or may read. SELECT is the
-- only privilege granted, so no one else can lock the catalog in a mode that
-- blocks the triggers, CREATE TABLE or DROP TABLE.
ALTER TABLE whosaid.tracked ENABLE ROW LEVEL SECURITY;
CREATE POLICY tracked_read ON whosaid.tracked FOR SELECT
	USING (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) relid), 'USAGE')
		OR pg_catalog.has_table_privilege(relid, 'SELECT'));
REVOKE ALL ON whosaid.tracked FROM PUBLIC;
GRANT SELECT ON whosaid.tracked TO PUBLIC;

-- The types of a table's key columns as SQL type names (qualified where
-- needed), read from the table itself on every use, never stored.
CREATE FUNCTION whosaid._track_key_types(tbl regclass, key_columns name[])
RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT array_agg(pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY u.i)
		FROM unnest(key_columns) WITH ORDINALITY AS u(k, i)
			JOIN pg_catalog.pg_attribute a ON a.attrelid = tbl AND a.attname = u.k AND NOT a.attisdropped);

COMMENT ON FUNCTION whosaid._track_key_types(regclass, name[]) IS
'internal: the SQL types of the given columns of a table';

-- A relation's name, schema-qualified whatever the search_path.
CREATE FUNCTION whosaid._track_qualified(rel regclass)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT format('%I.%I', n.nspname, c.relname)
		FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE c.oid = rel);

COMMENT ON FUNCTION whosaid._track_qualified(regclass) IS
'internal: the schema-qualified, quoted name of a relation';

-- The triggers carry their whole configuration as arguments (TG_ARGV): the
-- quotes table, the actors table, the body column and the key columns. So a
-- trigger works wherever it is: restored by pg_dump -n without the catalog
-- row, on a partition, on a Citus shard (whose oid is not the tracked one).
CREATE FUNCTION whosaid._track_args(t whosaid.tracked)
RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
RETURN ARRAY[whosaid._track_qualified(t.quotes_table), whosaid._track_qualified(t.actors_table),
			 t.body_column::text] || t.key_columns::text[];

COMMENT ON FUNCTION whosaid._track_args(whosaid.tracked) IS
'internal: the arguments of the triggers of a tracked table (quotes table, actors table, body, keys)';

CREATE FUNCTION whosaid._track_config(rel regclass, args text[])
RETURNS whosaid.tracked
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_config(regclass, text[]) IS
'internal: the configuration of a tracked table from its triggers'' arguments';

-- The arguments of a trigger (pg_trigger.tgargs: each one ends with a NUL byte).
CREATE FUNCTION whosaid._track_trigger_args(tgargs bytea)
RETURNS text[]
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_trigger_args(bytea) IS
'internal: the arguments of a trigger as text[]';

-- The catalog row of a tracked table; when it is missing but the table has
-- whosaid's triggers (a dump of the table's schema restored without the
-- whosaid schema), the configuration the triggers carry.
CREATE FUNCTION whosaid._tracked(tbl regclass)
RETURNS whosaid.tracked
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._tracked(regclass) IS
'internal: the whosaid.tracked row of a table (or what its triggers say), or an error if it is not tracked';

-- SQL fragments over the key columns: "a", "b" / s."a", s."b" / the keys cast
-- back from a text[] parameter (keyset position); the join condition is
-- whosaid._track_join() in 45_tracked_access.sql. Functions with an SQL-standard
-- body (RETURN) bind every name when CREATE EXTENSION runs them, so they need
-- no SET search_path (which would cost a GUC save and restore per call).
CREATE FUNCTION whosaid._track_keys(t whosaid.tracked, qual text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT string_agg(CASE WHEN qual IS NULL THEN '' ELSE quote_ident(qual) || '.' END
						  || quote_ident(k), ', ' ORDER BY i)
		FROM unnest(t.key_columns) WITH ORDINALITY AS u(k, i));

COMMENT ON FUNCTION whosaid._track_keys(whosaid.tracked, text) IS
'internal: the quoted key column list of a tracked table, optionally qualified';


CREATE FUNCTION whosaid._track_param(t whosaid.tracked, param int)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT '(' || string_agg(format('$%s[%s]::%s', param, i, t.key_types[i]), ', ' ORDER BY i) || ')'
		FROM pg_catalog.generate_subscripts(t.key_columns, 1) AS i);

COMMENT ON FUNCTION whosaid._track_param(whosaid.tracked, int) IS
'internal: a row of the key columns cast back from the text[] parameter $param';

-- The quotes and actors of a text in one pass of the engine (src/pg/track.c):
-- whosaid.quotes() tags the text's actors to name its speakers, so calling it
-- and whosaid.actors() on each row ran the tokenizer and the tagger twice.
-- n > 0: the n-th quote, with whosaid.quotes()'s columns; n < 0: the -n-th
-- actor, with whosaid.actors()'s columns (kind is the actor's kind).
CREATE FUNCTION whosaid._track_extract(body text)
RETURNS TABLE (n int, kind text, content text, content_span int4range, speaker text, speaker_mention text,
			   speaker_span int4range, cue text, cue_span int4range, actor text, role text, affiliation text,
			   aliases text[], mentions int, first_span int4range)
AS 'MODULE_PATHNAME', '_track_extract'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 25;

COMMENT ON FUNCTION whosaid._track_extract(text) IS
'internal: the quotes (n > 0) and actors (n < 0) of a text in one pass, for the derived tables of a tracked table';

-- The statement that extracts the rows of relation `src` (a transition table or
-- a CTE, defined in `ctes`, with the key columns and the body) into both
-- derived tables, running the engine once per row (ex). With `assign` (a
-- tracked table with claims, 55_claims.sql: the CTEs of _claims_assign_sql()
-- over the quotes qx), the quotes are written once with their claim and
-- about, and the statement returns the existing claims that gained quotes.
-- The key columns of a tracked table cannot be named as a column of the
-- derived tables (n, kind, ...), so they are distinct from ex's.
CREATE FUNCTION whosaid._track_insert_sql(t whosaid.tracked, src text, on_conflict boolean,
										  ctes text DEFAULT NULL, assign text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_insert_sql(whosaid.tracked, text, boolean, text, text) IS
'internal: the INSERT extracting quotes and actors of the rows of a relation into the derived tables (with their claims when given)';

-- When the set-based INSERT fails because of what one text holds (a data
-- exception, a constraint of the derived tables, a program limit), the rows
-- are extracted one by one and the failing ones are stored without quotes and
-- actors, with a WARNING, so one bad text cannot block the writes to the
-- tracked table. Any other error (lock timeout, deadlock, serialization
-- failure, cancel, out of memory, a missing privilege or table) fails the
-- statement as it would on any table: nothing is lost silently. These build
-- that path's statements: the rows of `src` as (key text[], body), and one
-- row from the parameters $1 (key text[]) and $2 (body).
CREATE FUNCTION whosaid._track_rows_sql(t whosaid.tracked, src text, ctes text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN format('%sSELECT ARRAY[%s], s.%I::pg_catalog.text FROM %s s',
	coalesce('WITH ' || ctes || ' ', ''),
	(SELECT string_agg(format('s.%I::pg_catalog.text', k), ', ' ORDER BY i) FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)),
	t.body_column, src);

COMMENT ON FUNCTION whosaid._track_rows_sql(whosaid.tracked, text, text) IS
'internal: the rows of a relation as key text[] and body, for extracting them one by one';

CREATE FUNCTION whosaid._track_row_src(t whosaid.tracked)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN format('(SELECT %s, $2 AS %I)',
	(SELECT string_agg(format('$1[%s]::%s AS %I', i, t.key_types[i], t.key_columns[i]), ', ' ORDER BY i)
	 FROM generate_subscripts(t.key_columns, 1) AS i),
	t.body_column);

COMMENT ON FUNCTION whosaid._track_row_src(whosaid.tracked) IS
'internal: one row (key from $1 as text[], body $2) as a relation, for extracting rows one by one';

-- One row of the row-by-row path: its failure from its content is a WARNING.
CREATE FUNCTION whosaid._track_extract_row(t whosaid.tracked, k text[], b text, on_conflict boolean)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF t.key_types IS NULL THEN
		t.key_types := whosaid._track_key_types(t.relid, t.key_columns);
	END IF;
	EXECUTE whosaid._track_insert_sql(t, whosaid._track_row_src(t), on_conflict) USING k, b;
EXCEPTION WHEN data_exception OR integrity_constraint_violation OR program_limit_exceeded THEN
	RAISE WARNING 'cannot extract quotes and actors of row % of table %: %', k, t.relid, SQLERRM
		USING HINT = 'The row is stored without them; UPDATE its body to try again.';
END
$$;

COMMENT ON FUNCTION whosaid._track_extract_row(whosaid.tracked, text[], text, boolean) IS
'internal: extracts one row into the derived tables; an error due to its text is a WARNING';

-- The trigger bodies (their C front functions whosaid.track_insert() and
-- whosaid.track_update(), 45_tracked_access.sql, run them as the table's
-- owner). The transition tables are only visible here, so the set-based
-- statement runs in each trigger; whosaid._track_insert_sql() is the one place
-- where a row's extraction is written.
CREATE FUNCTION whosaid._track_insert()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_insert() IS
'internal: body of whosaid.track_insert(), run as the owner of the tracked table';

-- UPDATE: only rows whose body changed (or whose key changed) are extracted
-- again. Transition tables cannot be combined with UPDATE OF column, so the
-- trigger fires on every UPDATE and compares the bodies itself, byte for byte
-- (under a case-insensitive collation 'Smith' = 'SMITH', but not for us).
CREATE FUNCTION whosaid._track_update()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_update() IS
'internal: body of whosaid.track_update(), run as the owner of the tracked table';

-- (Re)creates the two triggers on a tracked table and on each of its
-- partitions (statement triggers are not inherited), with the configuration
-- as arguments; tables whose triggers already say the same are left alone.
-- With extract_new, partitions that get their triggers here and already hold
-- rows (ATTACH PARTITION) have them extracted. Tables outside the partition tree that
-- still carry this table's triggers (DETACH PARTITION) lose them.
CREATE FUNCTION whosaid._track_triggers(t whosaid.tracked, extract_new boolean)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_triggers(whosaid.tracked, boolean) IS
'internal: creates or refreshes the triggers of a tracked table and its partitions';

CREATE FUNCTION whosaid.track(tbl regclass, body_column name DEFAULT 'body',
							  time_column name DEFAULT NULL, prefix text DEFAULT NULL,
							  OUT quotes_table regclass, OUT actors_table regclass)
RETURNS record
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid.track(regclass, name, name, text) IS
'creates <table>_quotes, <table>_actors and the who-said-what views, kept current by triggers on the table';

CREATE FUNCTION whosaid.untrack(tbl regclass, drop_tables boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid.untrack(regclass, boolean) IS
'stops tracking a table: drops its triggers and, with drop_tables, its quotes and actors tables and views (also those an earlier untrack() kept)';

-- Keys given as the texts of text[]s in the parameter $param, as a relation
-- with the key columns.
CREATE FUNCTION whosaid._track_keys_rel(t whosaid.tracked, param int)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN format('(SELECT %s FROM unnest($%s::pg_catalog.text[]) AS x(k))',
			  (SELECT string_agg(format('(x.k::pg_catalog.text[])[%s]::%s AS %I', i, t.key_types[i], t.key_columns[i]),
								 ', ' ORDER BY i)
			   FROM generate_subscripts(t.key_columns, 1) AS i),
			  param);

COMMENT ON FUNCTION whosaid._track_keys_rel(whosaid.tracked, int) IS
'internal: keys passed as text forms of text[] in a text[] parameter, as a relation of the key columns';

-- keys = the key position in the text[] parameter $param, with the primary
-- key's own (qualified) equality operators.
CREATE FUNCTION whosaid._track_key_eq(t whosaid.tracked, param int)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN (SELECT string_agg(format('%I %s $%s[%s]::%s', k, op, param, i, t.key_types[i]), ' AND ' ORDER BY i)
			FROM unnest(t.key_columns, whosaid._track_key_ops(t.relid, 3)) WITH ORDINALITY AS u(k, op, i));
END
$$;

COMMENT ON FUNCTION whosaid._track_key_eq(whosaid.tracked, int) IS
'internal: the condition keys = the key position in a text[] parameter, with qualified operators';

CREATE FUNCTION whosaid._track_in_transaction_block()
RETURNS boolean
AS 'MODULE_PATHNAME', '_track_in_transaction_block'
LANGUAGE C VOLATILE STRICT;

COMMENT ON FUNCTION whosaid._track_in_transaction_block() IS
'internal: whether the caller is inside a transaction block, where a procedure cannot commit';

-- Keyset batches in primary key order; each batch replaces the derived rows of
-- its rows and commits with its position, so a cancelled or crashed run
-- resumes where the last commit left it and re-running a batch is harmless.
--
-- Locks: a batch locks its rows FOR SHARE (an UPDATE of one of them then
-- waits for the batch to commit, and its trigger replaces what the batch
-- wrote), but SKIP LOCKED: it never waits for a row a writer holds while
-- holding others, which is how backfill and a DELETE or key UPDATE touching
-- rows in another order deadlocked. The rows it skipped are done after the
-- batch has committed, one at a time, each waiting for its writer alone.
CREATE PROCEDURE whosaid.backfill(tbl regclass, batch_size int DEFAULT 1000, restart boolean DEFAULT false)
LANGUAGE plpgsql
AS $$
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
$$;

COMMENT ON PROCEDURE whosaid.backfill(regclass, int, boolean) IS
'extracts the rows of a tracked table that predate track(), in batches committed one by one; resumable';

-- The catalog rows the DDL event triggers below need beyond what a role may
-- read or write itself. Rows of dropped tables are invisible under the
-- catalog's row security (their owner is gone with them): _tracked_dropped()
-- returns those of the objects the current DROP removes, and nothing outside
-- a sql_drop event trigger. _tracked_rename() records the body column after a
-- rename, for the table's owner only (owner_gate, 45_tracked_access.sql),
-- with the key columns read again from the primary key.
CREATE FUNCTION whosaid._tracked_dropped()
RETURNS SETOF whosaid.tracked
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
	SELECT w.* FROM whosaid.tracked w
	WHERE EXISTS (SELECT FROM pg_event_trigger_dropped_objects() o
				  WHERE o.classid = 'pg_catalog.pg_class'::regclass AND o.objsubid = 0
					AND o.objid IN (w.relid, w.quotes_table, w.actors_table))
$$;

COMMENT ON FUNCTION whosaid._tracked_dropped() IS
'internal: in a sql_drop event trigger, the whosaid.tracked rows of the tables being dropped';

CREATE FUNCTION whosaid._tracked_rename(tbl regclass, body_column name)
RETURNS void
AS 'MODULE_PATHNAME', 'owner_gate' LANGUAGE C;

COMMENT ON FUNCTION whosaid._tracked_rename(regclass, name) IS
'internal: records the current body and key column names of a tracked table; the caller must own it';

CREATE FUNCTION whosaid._tracked_rename_definer(tbl regclass, body_column name)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._tracked_rename_definer(regclass, name) IS
'internal: body of whosaid._tracked_rename()';

-- DROP: a tracked column cannot be dropped (every write would fail); a
-- tracked table takes its derived tables and views with it, as it takes its
-- indexes; a dropped derived table ends the tracking (the triggers go). This
-- runs as whoever drops (it drops their objects, not ours); whosaid_tracked_drop
-- then forgets the catalog rows. Event triggers of one event fire in name
-- order, so _cascade comes first and still finds the rows.
CREATE FUNCTION whosaid.tracked_cascade()
RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid.tracked_cascade() IS
'event trigger: refuses to drop tracked columns; drops the derived tables of dropped tracked tables; stops tracking when a derived table is dropped';

CREATE EVENT TRIGGER whosaid_tracked_cascade ON sql_drop
	EXECUTE FUNCTION whosaid.tracked_cascade();

-- Forget tracked tables whose source or derived tables are dropped.
CREATE FUNCTION whosaid.tracked_drop()
RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM whosaid.tracked t WHERE t.relid IN (SELECT d.relid FROM whosaid._tracked_dropped() d);
END
$$;

COMMENT ON FUNCTION whosaid.tracked_drop() IS
'event trigger: removes whosaid.tracked rows whose tables were dropped';

CREATE EVENT TRIGGER whosaid_tracked_drop ON sql_drop
	EXECUTE FUNCTION whosaid.tracked_drop();

-- ALTER TABLE and CREATE TABLE: renames of the tracked columns and of the
-- derived tables are followed (the catalog and the triggers' arguments say
-- the new names; a renamed key column is renamed in the derived tables too);
-- partitions created or attached get the triggers, and the rows an attached
-- partition brings are extracted; detached ones lose the triggers. It runs as
-- whoever runs the DDL (the owner of the tables it touches): the extraction
-- fires the derived tables' own triggers and constraints, which must not run
-- with more rights than that.
CREATE FUNCTION whosaid.tracked_ddl()
RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid.tracked_ddl() IS
'event trigger: follows renames of tracked columns and derived tables, and gives partitions created or attached later their triggers';

CREATE EVENT TRIGGER whosaid_tracked_ddl ON ddl_command_end
	WHEN TAG IN ('ALTER TABLE', 'CREATE TABLE')
	EXECUTE FUNCTION whosaid.tracked_ddl();
