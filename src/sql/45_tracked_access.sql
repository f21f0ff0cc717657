-- 45_tracked_access.sql — who may do what with a tracked table (docs/security.md).
--
-- The statement triggers are C front functions (src/pg/tracked.c) that run
-- their PL/pgSQL body (whosaid._track_insert(), whosaid._track_update()) as
-- the owner of the tracked table: writers need no privilege on the derived
-- tables, and no one's code runs with the rights of whoever happens to write.
--
-- The catalog whosaid.tracked is written only by the SECURITY DEFINER
-- *_definer functions below, which no one may call directly; their front
-- functions (C, owner_gate) first check that the caller owns the table.
-- Everything the catalog stores that ends up in generated SQL (key types,
-- column names) is read from the system catalogs here, never taken from the
-- caller.

CREATE FUNCTION whosaid.track_insert()
RETURNS trigger
AS 'MODULE_PATHNAME', 'track_trigger' LANGUAGE C;
COMMENT ON FUNCTION whosaid.track_insert() IS
'statement trigger of a tracked table: extracts quotes and actors of the inserted rows, with the rights of the table''s owner';

CREATE FUNCTION whosaid.track_update()
RETURNS trigger
AS 'MODULE_PATHNAME', 'track_trigger' LANGUAGE C;
COMMENT ON FUNCTION whosaid.track_update() IS
'statement trigger of a tracked table: extracts again the quotes and actors of rows whose body changed, with the rights of the table''s owner';

-- The primary key of a table in index order: column names and their types as
-- format_type() spells them under a pinned search_path (schema-qualified
-- unless in pg_catalog), which is what generated casts use.
CREATE FUNCTION whosaid._track_pk(tbl regclass, OUT key_columns name[], OUT key_types text[])
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
	SELECT array_agg(a.attname ORDER BY k.i), array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY k.i)
	FROM pg_index x
		CROSS JOIN LATERAL unnest(x.indkey[0:x.indnkeyatts - 1]::int2[]) WITH ORDINALITY AS k(attnum, i)
		JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
	WHERE x.indrelid = tbl AND x.indisprimary
$$;

COMMENT ON FUNCTION whosaid._track_pk(regclass) IS
'internal: the primary key columns of a table and their types, qualified as generated SQL needs them';

-- The operators generated SQL compares keys with: those of the primary key's
-- btree operator classes (strategy 1 <, 2 <=, 3 =, 5 >), schema-qualified, so
-- no operator is ever found through a search_path.
CREATE FUNCTION whosaid._track_key_ops(tbl regclass, strategy int)
RETURNS text[]
AS 'MODULE_PATHNAME', 'track_key_ops' LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION whosaid._track_key_ops(regclass, int) IS
'internal: per key column, the schema-qualified btree operator of the primary key for a strategy';

CREATE FUNCTION whosaid._track_join(t whosaid.tracked, a text, b text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT string_agg(format('%I.%I %s %I.%I', a, k, op, b, k), ' AND ' ORDER BY i)
		FROM unnest(t.key_columns, whosaid._track_key_ops(t.relid, 3)) WITH ORDINALITY AS u(k, op, i));

COMMENT ON FUNCTION whosaid._track_join(whosaid.tracked, text, text) IS
'internal: the equality condition joining two relations on the key columns of a tracked table';

-- keys <= $param (strategy 2) or keys > $param (strategy 5), $param a text[]
-- key position: a row comparison, which an index range scan uses, when all key
-- operators have the same qualified name; otherwise the same order spelled out.
CREATE FUNCTION whosaid._track_key_cmp(t whosaid.tracked, strategy int, param int)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_key_cmp(whosaid.tracked, int, int) IS
'internal: the condition keys <= or > the key position in a text[] parameter, with qualified operators';

-- ---------------------------------------------------------------- catalog writes

-- track(), untrack() and backfill() are for the owner of the table (or a
-- member of the owning role); others get this error before anything happens.
CREATE FUNCTION whosaid._track_check_owner(tbl regclass, action text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = tbl), 'USAGE') THEN
		RAISE EXCEPTION 'must be owner of table % to %', tbl, action
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Tracking a table creates triggers and tables next to it with its owner''s rights.';
	END IF;
END
$$;

COMMENT ON FUNCTION whosaid._track_check_owner(regclass, text) IS
'internal: an error unless the caller owns the table (or is a member of the owning role)';

CREATE FUNCTION whosaid._tracked_add(tbl regclass, body_column name, time_column name, prefix text,
									 quotes_table regclass, actors_table regclass)
RETURNS void
AS 'MODULE_PATHNAME', 'owner_gate' LANGUAGE C;
COMMENT ON FUNCTION whosaid._tracked_add(regclass, name, name, text, regclass, regclass) IS
'internal: records a tracked table in whosaid.tracked; the caller must own it';

CREATE FUNCTION whosaid._tracked_add_definer(tbl regclass, body_column name, time_column name, prefix text,
											 quotes_table regclass, actors_table regclass)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._tracked_add_definer(regclass, name, name, text, regclass, regclass) IS
'internal: body of whosaid._tracked_add(); the key columns and types come from the system catalogs';

CREATE FUNCTION whosaid._tracked_remove(tbl regclass)
RETURNS void
AS 'MODULE_PATHNAME', 'owner_gate' LANGUAGE C;
COMMENT ON FUNCTION whosaid._tracked_remove(regclass) IS
'internal: forgets a tracked table in whosaid.tracked; the caller must own it';

CREATE FUNCTION whosaid._tracked_remove_definer(tbl regclass)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	DELETE FROM whosaid.tracked WHERE relid OPERATOR(pg_catalog.=) tbl;
END;

COMMENT ON FUNCTION whosaid._tracked_remove_definer(regclass) IS
'internal: body of whosaid._tracked_remove()';

CREATE FUNCTION whosaid._tracked_progress(tbl regclass, backfill_after text[], backfill_rows bigint,
										  backfilled_at timestamptz)
RETURNS void
AS 'MODULE_PATHNAME', 'owner_gate' LANGUAGE C;
COMMENT ON FUNCTION whosaid._tracked_progress(regclass, text[], bigint, timestamptz) IS
'internal: records the progress of whosaid.backfill(); the caller must own the table';

CREATE FUNCTION whosaid._tracked_progress_definer(tbl regclass, backfill_after text[], backfill_rows bigint,
												  backfilled_at timestamptz)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	UPDATE whosaid.tracked t
	SET backfill_after = _tracked_progress_definer.backfill_after,
		backfill_rows = _tracked_progress_definer.backfill_rows,
		backfilled_at = _tracked_progress_definer.backfilled_at
	WHERE t.relid OPERATOR(pg_catalog.=) tbl;
END;

COMMENT ON FUNCTION whosaid._tracked_progress_definer(regclass, text[], bigint, timestamptz) IS
'internal: body of whosaid._tracked_progress()';

-- ---------------------------------------------------------------- grants

-- Whoever may read the tracked table may read what is derived from it: at
-- track() time, every role (or PUBLIC) holding SELECT on the table gets SELECT
-- on the derived tables and views. Returns the grantees, for the NOTICE.
CREATE FUNCTION whosaid._track_copy_grants(t whosaid.tracked)
RETURNS text[]
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION whosaid._track_copy_grants(whosaid.tracked) IS
'internal: grants SELECT on the derived tables and views to the roles that may read the tracked table';
