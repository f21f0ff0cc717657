-- 40_track.sql — tracked tables. whosaid.track() puts <table>_quotes and
-- <table>_actors next to a source table and keeps them current with
-- statement-level triggers; whosaid.backfill() extracts the rows that predate
-- tracking; whosaid.untrack() undoes it. whosaid.tracked is the catalog.
--
-- Statement-level triggers with transition tables run the extraction once per
-- statement over all new rows (one INSERT ... SELECT per derived table), which
-- is what keeps bulk loads cheap; everything is plpgsql with dynamic SQL built
-- with format(%I), so any primary key (composite, any type) works.

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

CREATE FUNCTION whosaid._tracked(tbl regclass)
RETURNS whosaid.tracked
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._tracked(regclass) IS
'internal: the whosaid.tracked row of a table, or an error if it is not tracked';

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

-- The statement that extracts the rows of relation `src` (a transition table or
-- a CTE, defined in `ctes`, with the key columns and the body) into both
-- derived tables.
CREATE FUNCTION whosaid._track_insert_sql(t whosaid.tracked, src text, on_conflict boolean,
										  ctes text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN format(
	'WITH %8$s iq AS (INSERT INTO %1$s (%2$s, n, kind, content, content_span, speaker, speaker_mention,'
	' speaker_span, cue, cue_span)'
	' SELECT %3$s, x.n, x.kind, x.content, x.content_span, x.speaker, x.speaker_mention,'
	' x.speaker_span, x.cue, x.cue_span'
	' FROM %4$s s CROSS JOIN LATERAL whosaid.quotes(s.%5$I::pg_catalog.text) x%6$s)'
	' INSERT INTO %7$s (%2$s, n, actor, kind, role, affiliation, aliases, mentions, first_span)'
	' SELECT %3$s, x.ordinality, x.actor, x.kind, x.role, x.affiliation, x.aliases, x.mentions,'
	' x.first_span'
	' FROM %4$s s CROSS JOIN LATERAL whosaid.actors(s.%5$I::pg_catalog.text) WITH ORDINALITY x%6$s',
	t.quotes_table, whosaid._track_keys(t), whosaid._track_keys(t, 's'), src, t.body_column,
	CASE WHEN on_conflict THEN ' ON CONFLICT DO NOTHING' ELSE '' END, t.actors_table,
	coalesce(ctes || ',', ''));

COMMENT ON FUNCTION whosaid._track_insert_sql(whosaid.tracked, text, boolean, text) IS
'internal: the INSERT extracting quotes and actors of the rows of a relation into the derived tables';

-- When the set-based INSERT fails (an engine error on one text), the rows are
-- extracted one by one and the failing ones are skipped with a WARNING, so one
-- bad text cannot block the writes to the tracked table. These two build that
-- path's statements: the rows of `src` as (key text[], body), and one row from
-- the parameters $1 (key text[]) and $2 (body).
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

CREATE FUNCTION whosaid._track_insert()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_insert() IS
'internal: body of whosaid.track_insert(), run as the owner of the tracked table';

-- UPDATE: only rows whose body changed (or whose key changed) are extracted
-- again. Transition tables cannot be combined with UPDATE OF column, so the
-- trigger fires on every UPDATE and compares the bodies itself.
CREATE FUNCTION whosaid._track_update()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_update() IS
'internal: body of whosaid.track_update(), run as the owner of the tracked table';

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
$$;

COMMENT ON FUNCTION whosaid.track(regclass, name, name, text) IS
'creates <table>_quotes, <table>_actors and the who-said-what views, kept current by triggers on the table';

CREATE FUNCTION whosaid.untrack(tbl regclass, drop_tables boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid.untrack(regclass, boolean) IS
'stops tracking a table: drops its triggers and, with drop_tables, its quotes and actors tables and views';

-- Keyset batches in primary key order; each batch replaces the derived rows of
-- its key range and commits with its position, so a cancelled or crashed run
-- resumes where the last commit left it and re-running a batch is harmless.
CREATE PROCEDURE whosaid.backfill(tbl regclass, batch_size int DEFAULT 1000, restart boolean DEFAULT false)
LANGUAGE plpgsql
AS $$
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
$$;

COMMENT ON PROCEDURE whosaid.backfill(regclass, int, boolean) IS
'extracts the rows of a tracked table that predate track(), in batches committed one by one; resumable';

-- Forget tracked tables whose source or derived tables are dropped, so their
-- triggers (if the source survives) become no-ops instead of failing.
CREATE FUNCTION whosaid.tracked_drop()
RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM whosaid.tracked t
	USING pg_event_trigger_dropped_objects() d
	WHERE d.classid = 'pg_class'::regclass AND d.objsubid = 0
		AND d.objid IN (t.relid, t.quotes_table, t.actors_table);
END
$$;

COMMENT ON FUNCTION whosaid.tracked_drop() IS
'event trigger: removes whosaid.tracked rows whose tables were dropped';

CREATE EVENT TRIGGER whosaid_tracked_drop ON sql_drop
	EXECUTE FUNCTION whosaid.tracked_drop();
