-- 50_views.sql — what BI tools (Metabase, Superset, Grafana) read without
-- custom SQL: per tracked table, views created by whosaid.track() next to the
-- derived tables, plus set-returning helpers over any tracked table.
--
--   <prefix>_who_said_what   one row per quote: source key, time, speaker and
--                            who the speaker is (kind, role, affiliation)
--   <prefix>_named_actors    one row per actor per row: source key, time, actor,
--                            and whether the actor is quoted there
--   <prefix>_top_speakers    speakers by number of quotes
--   <prefix>_actor_pairs     actors named in the same row, both ways round
--                            (whosaid.actor_pairs() counts them in a time window)

CREATE FUNCTION whosaid._track_views(t whosaid.tracked)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_views(whosaid.tracked) IS
'internal: creates the BI views of a tracked table (called by whosaid.track())';

CREATE FUNCTION whosaid._track_drop_views(t whosaid.tracked)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_drop_views(whosaid.tracked) IS
'internal: drops the BI views of a tracked table (called by whosaid.untrack())';

-- The time filter of the helpers: [since, until) on the tracked time column.
CREATE FUNCTION whosaid._track_time_filter(t whosaid.tracked, since timestamptz, until timestamptz,
										   OUT join_sql text, OUT where_sql text)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_time_filter(whosaid.tracked, timestamptz, timestamptz) IS
'internal: join and condition restricting a helper to rows of a tracked table in [since, until)';

CREATE FUNCTION whosaid.top_speakers(tbl regclass, since timestamptz DEFAULT NULL,
									 until timestamptz DEFAULT NULL, top int DEFAULT 10)
RETURNS TABLE (speaker text, quotes bigint, articles bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid.top_speakers(regclass, timestamptz, timestamptz, int) IS
'the most quoted speakers of a tracked table, optionally in [since, until) of its time column';

CREATE FUNCTION whosaid.cooccurring_actors(tbl regclass, with_actor text, since timestamptz DEFAULT NULL,
										   until timestamptz DEFAULT NULL, top int DEFAULT 10)
RETURNS TABLE (actor text, kind text, articles bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid.cooccurring_actors(regclass, text, timestamptz, timestamptz, int) IS
'actors named in the same rows of a tracked table as with_actor, most frequent first';

-- <prefix>_actor_pairs counts over the whole table; a dashboard's date filter
-- needs the pairs of a time window.
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
