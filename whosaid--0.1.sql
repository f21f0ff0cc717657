-- whosaid 0.1 — install script, assembled from src/sql/*.sql by the Makefile.
\echo Use "CREATE EXTENSION whosaid" to load this file. \quit

CREATE FUNCTION whosaid.quotes(body text)
RETURNS TABLE (
    n               int,
    kind            text,
    content         text,
    content_span    int4range,
    speaker         text,
    speaker_mention text,
    speaker_span    int4range,
    cue             text,
    cue_span        int4range)
AS 'MODULE_PATHNAME', 'quotes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION whosaid.quotes(text) IS
'quotes in a text (direct, mixed, indirect) with content, cue and speaker; spans are 1-based character ranges';
-- 20_actors.sql — named actors: who is named in a text, what they are, and
-- what role they hold (src/pg/actors.c, src/engine/actor_resolver.c).

CREATE FUNCTION whosaid.mentions(body text)
RETURNS TABLE (
    n       int,
    mention text,
    span    int4range,
    kind    text,
    actor   text)
AS 'MODULE_PATHNAME', 'mentions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION whosaid.mentions(text) IS
'named mentions of persons, organizations and places in a text, in text order, each with the canonical name of the actor it refers to; spans are 1-based character ranges';

CREATE FUNCTION whosaid.actors(body text)
RETURNS TABLE (
    actor       text,
    kind        text,
    role        text,
    affiliation text,
    aliases     text[],
    mentions    int,
    first_span  int4range)
AS 'MODULE_PATHNAME', 'actors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION whosaid.actors(text) IS
'named actors of a text, one row per actor (Parker, Mr Parker and Andrew Parker are one), with kind, role, affiliation, other names used, mention count and first mention';

CREATE FUNCTION whosaid.model_info(
    OUT path         text,
    OUT bytes        bigint,
    OUT load_ms      float8,
    OUT features     int,
    OUT buckets      int,
    OUT format       int,
    OUT feature_set  int,
    OUT train_tokens bigint)
RETURNS record
AS 'MODULE_PATHNAME', 'model_info'
LANGUAGE C VOLATILE PARALLEL SAFE;

COMMENT ON FUNCTION whosaid.model_info() IS
'the named-entity tagger model of this backend: file, size, time it took to load (ms), weights in use, hash buckets, format and feature-set versions, training tokens';

-- 30_actorvec.sql — query layer: the actorvec and actorquery types, the
-- @@ / @> / <@ / && operators, the default GIN operator class and
-- whosaid.highlight(). Mirrors tsvector / tsquery / ts_headline.

-- ---------------------------------------------------------------- actorvec

CREATE TYPE whosaid.actorvec;

CREATE FUNCTION whosaid.actorvec_in(cstring) RETURNS whosaid.actorvec
AS 'MODULE_PATHNAME', 'actorvec_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_out(whosaid.actorvec) RETURNS cstring
AS 'MODULE_PATHNAME', 'actorvec_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_recv(internal) RETURNS whosaid.actorvec
AS 'MODULE_PATHNAME', 'actorvec_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_send(whosaid.actorvec) RETURNS bytea
AS 'MODULE_PATHNAME', 'actorvec_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE whosaid.actorvec (
    INPUT = whosaid.actorvec_in,
    OUTPUT = whosaid.actorvec_out,
    RECEIVE = whosaid.actorvec_recv,
    SEND = whosaid.actorvec_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);

COMMENT ON TYPE whosaid.actorvec IS
'the named actors of a text: canonical name, aliases, kind (person, organization, place) and whether the actor is quoted; sorted and de-duplicated like tsvector';
COMMENT ON FUNCTION whosaid.actorvec_in(cstring) IS
'actorvec input: ''Name''/''Alias'':kind:speaker entries separated by white space';
COMMENT ON FUNCTION whosaid.actorvec_out(whosaid.actorvec) IS 'actorvec output';
COMMENT ON FUNCTION whosaid.actorvec_recv(internal) IS 'actorvec binary input';
COMMENT ON FUNCTION whosaid.actorvec_send(whosaid.actorvec) IS 'actorvec binary output';

CREATE FUNCTION whosaid.to_actorvec(body text) RETURNS whosaid.actorvec
AS 'MODULE_PATHNAME', 'to_actorvec' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.to_actorvec(text) IS
'the actors of a text (whosaid.actors()) as an actorvec, quoted actors flagged speaker; usable in a generated column or an expression index';

-- ---------------------------------------------------------------- actorquery

CREATE TYPE whosaid.actorquery;

CREATE FUNCTION whosaid.actorquery_in(cstring) RETURNS whosaid.actorquery
AS 'MODULE_PATHNAME', 'actorquery_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorquery_out(whosaid.actorquery) RETURNS cstring
AS 'MODULE_PATHNAME', 'actorquery_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorquery_recv(internal) RETURNS whosaid.actorquery
AS 'MODULE_PATHNAME', 'actorquery_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorquery_send(whosaid.actorquery) RETURNS bytea
AS 'MODULE_PATHNAME', 'actorquery_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE whosaid.actorquery (
    INPUT = whosaid.actorquery_in,
    OUTPUT = whosaid.actorquery_out,
    RECEIVE = whosaid.actorquery_recv,
    SEND = whosaid.actorquery_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);

COMMENT ON TYPE whosaid.actorquery IS
'a boolean query over actors: names ("Sheryl Sandberg" quoted), & | ! and parentheses, prefixes speaker: person: org: place:';
COMMENT ON FUNCTION whosaid.actorquery_in(cstring) IS 'actorquery input';
COMMENT ON FUNCTION whosaid.actorquery_out(whosaid.actorquery) IS 'actorquery output, canonical form';
COMMENT ON FUNCTION whosaid.actorquery_recv(internal) IS 'actorquery binary input';
COMMENT ON FUNCTION whosaid.actorquery_send(whosaid.actorquery) IS 'actorquery binary output';

CREATE FUNCTION whosaid.to_actorquery(query text) RETURNS whosaid.actorquery
AS 'MODULE_PATHNAME', 'to_actorquery' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.to_actorquery(text) IS
'parse an actorquery; a malformed query is an error naming the character position';

-- ---------------------------------------------------------------- operators

CREATE FUNCTION whosaid.actorvec_matches(whosaid.actorvec, whosaid.actorquery) RETURNS bool
AS 'MODULE_PATHNAME', 'actorvec_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorquery_matches(whosaid.actorquery, whosaid.actorvec) RETURNS bool
AS 'MODULE_PATHNAME', 'actorquery_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_contains(whosaid.actorvec, whosaid.actorvec) RETURNS bool
AS 'MODULE_PATHNAME', 'actorvec_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_contained(whosaid.actorvec, whosaid.actorvec) RETURNS bool
AS 'MODULE_PATHNAME', 'actorvec_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_overlaps(whosaid.actorvec, whosaid.actorvec) RETURNS bool
AS 'MODULE_PATHNAME', 'actorvec_overlaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION whosaid.actorvec_matches(whosaid.actorvec, whosaid.actorquery) IS
'implementation of actorvec @@ actorquery: does the query match the actors?';
COMMENT ON FUNCTION whosaid.actorquery_matches(whosaid.actorquery, whosaid.actorvec) IS
'implementation of actorquery @@ actorvec';
COMMENT ON FUNCTION whosaid.actorvec_contains(whosaid.actorvec, whosaid.actorvec) IS
'implementation of @>: is every actor of the right operand (same name, kind if given, speaker if flagged) in the left?';
COMMENT ON FUNCTION whosaid.actorvec_contained(whosaid.actorvec, whosaid.actorvec) IS
'implementation of <@: is every actor of the left operand in the right?';
COMMENT ON FUNCTION whosaid.actorvec_overlaps(whosaid.actorvec, whosaid.actorvec) IS
'implementation of &&: do the operands share an actor (same name, compatible kind)?';

CREATE OPERATOR whosaid.@@ (
    LEFTARG = whosaid.actorvec, RIGHTARG = whosaid.actorquery,
    FUNCTION = whosaid.actorvec_matches,
    COMMUTATOR = OPERATOR(whosaid.@@),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR whosaid.@@ (
    LEFTARG = whosaid.actorquery, RIGHTARG = whosaid.actorvec,
    FUNCTION = whosaid.actorquery_matches,
    COMMUTATOR = OPERATOR(whosaid.@@),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR whosaid.@> (
    LEFTARG = whosaid.actorvec, RIGHTARG = whosaid.actorvec,
    FUNCTION = whosaid.actorvec_contains,
    COMMUTATOR = OPERATOR(whosaid.<@),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR whosaid.<@ (
    LEFTARG = whosaid.actorvec, RIGHTARG = whosaid.actorvec,
    FUNCTION = whosaid.actorvec_contained,
    COMMUTATOR = OPERATOR(whosaid.@>),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR whosaid.&& (
    LEFTARG = whosaid.actorvec, RIGHTARG = whosaid.actorvec,
    FUNCTION = whosaid.actorvec_overlaps,
    COMMUTATOR = OPERATOR(whosaid.&&),
    RESTRICT = areasel, JOIN = areajoinsel
);

COMMENT ON OPERATOR whosaid.@@ (whosaid.actorvec, whosaid.actorquery) IS 'actors match query';
COMMENT ON OPERATOR whosaid.@@ (whosaid.actorquery, whosaid.actorvec) IS 'query matches actors';
COMMENT ON OPERATOR whosaid.@> (whosaid.actorvec, whosaid.actorvec) IS 'contains every actor of';
COMMENT ON OPERATOR whosaid.<@ (whosaid.actorvec, whosaid.actorvec) IS 'every actor is contained in';
COMMENT ON OPERATOR whosaid.&& (whosaid.actorvec, whosaid.actorvec) IS 'share an actor';

-- ---------------------------------------------------------------- GIN
-- The query argument of extract_query / consistent is declared actorvec, the
-- opclass's input type, as amvalidate requires (tsvector_ops does the same);
-- it receives an actorquery for @@ and an actorvec for @> and &&.

CREATE FUNCTION whosaid.actorvec_gin_extract_value(whosaid.actorvec, internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'actorvec_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_gin_extract_query(whosaid.actorvec, internal, int2, internal, internal, internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'actorvec_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_gin_consistent(internal, int2, whosaid.actorvec, int4, internal, internal, internal, internal)
RETURNS bool
AS 'MODULE_PATHNAME', 'actorvec_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.actorvec_gin_triconsistent(internal, int2, whosaid.actorvec, int4, internal, internal, internal)
RETURNS "char"
AS 'MODULE_PATHNAME', 'actorvec_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION whosaid.actorvec_gin_extract_value(whosaid.actorvec, internal, internal) IS
'GIN support: int4 keys of an actorvec (hashed name tokens with kind and speaker bits)';
COMMENT ON FUNCTION whosaid.actorvec_gin_extract_query(whosaid.actorvec, internal, int2, internal, internal, internal, internal) IS
'GIN support: keys of a query (@@) or of an actorvec (@>, &&)';
COMMENT ON FUNCTION whosaid.actorvec_gin_consistent(internal, int2, whosaid.actorvec, int4, internal, internal, internal, internal) IS
'GIN support: can a row with these keys match?';
COMMENT ON FUNCTION whosaid.actorvec_gin_triconsistent(internal, int2, whosaid.actorvec, int4, internal, internal, internal) IS
'GIN support: three-valued consistent';

CREATE OPERATOR CLASS whosaid.actorvec_ops
DEFAULT FOR TYPE whosaid.actorvec USING gin AS
    OPERATOR 1 whosaid.@@ (whosaid.actorvec, whosaid.actorquery),
    OPERATOR 2 whosaid.@> (whosaid.actorvec, whosaid.actorvec),
    OPERATOR 3 whosaid.&& (whosaid.actorvec, whosaid.actorvec),
    FUNCTION 1 btint4cmp(int4, int4),
    FUNCTION 2 whosaid.actorvec_gin_extract_value(whosaid.actorvec, internal, internal),
    FUNCTION 3 whosaid.actorvec_gin_extract_query(whosaid.actorvec, internal, int2, internal, internal, internal, internal),
    FUNCTION 4 whosaid.actorvec_gin_consistent(internal, int2, whosaid.actorvec, int4, internal, internal, internal, internal),
    FUNCTION 6 whosaid.actorvec_gin_triconsistent(internal, int2, whosaid.actorvec, int4, internal, internal, internal),
    STORAGE int4;

COMMENT ON OPERATOR CLASS whosaid.actorvec_ops USING gin IS
'default GIN operator class for actorvec: @@ actorquery, @> and && actorvec';

-- ---------------------------------------------------------------- highlight

CREATE FUNCTION whosaid.highlight(body text, q whosaid.actorquery, options text DEFAULT '')
RETURNS text
AS 'MODULE_PATHNAME', 'highlight' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.highlight(text, whosaid.actorquery, text) IS
'the text with mentions of the actors the query names and the quotes they speak wrapped in StartSel/StopSel (options as ts_headline, default <b> </b>)';
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

-- Everyone may read the catalog (the triggers do, as whoever writes the source
-- table); a row can only be written by a role that owns the tables it names.
ALTER TABLE whosaid.tracked ENABLE ROW LEVEL SECURITY;
CREATE POLICY tracked_read ON whosaid.tracked FOR SELECT USING (true);
CREATE POLICY tracked_write ON whosaid.tracked FOR ALL
	USING (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = relid), 'USAGE'))
	WITH CHECK (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = relid), 'USAGE')
		AND pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = quotes_table), 'USAGE')
		AND pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = actors_table), 'USAGE'));
GRANT SELECT, INSERT, UPDATE, DELETE ON whosaid.tracked TO PUBLIC;

CREATE FUNCTION whosaid._tracked(tbl regclass)
RETURNS whosaid.tracked
LANGUAGE plpgsql STABLE PARALLEL SAFE
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

-- SQL fragments over the key columns: "a", "b" / s."a", s."b" / join condition
-- / the keys cast back from a text[] parameter (keyset position).
CREATE FUNCTION whosaid._track_keys(t whosaid.tracked, qual text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT string_agg(CASE WHEN qual IS NULL THEN '' ELSE quote_ident(qual) || '.' END
						  || quote_ident(k), ', ' ORDER BY i)
		FROM unnest(t.key_columns) WITH ORDINALITY AS u(k, i));

COMMENT ON FUNCTION whosaid._track_keys(whosaid.tracked, text) IS
'internal: the quoted key column list of a tracked table, optionally qualified';

CREATE FUNCTION whosaid._track_join(t whosaid.tracked, a text, b text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT string_agg(format('%I.%I = %I.%I', a, k, b, k), ' AND ' ORDER BY i)
		FROM unnest(t.key_columns) WITH ORDINALITY AS u(k, i));

COMMENT ON FUNCTION whosaid._track_join(whosaid.tracked, text, text) IS
'internal: the equality condition joining two relations on the key columns of a tracked table';

CREATE FUNCTION whosaid._track_param(t whosaid.tracked, param int)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT '(' || string_agg(format('$%s[%s]::%s', param, i, t.key_types[i]), ', ' ORDER BY i) || ')'
		FROM generate_subscripts(t.key_columns, 1) AS i);

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
	' FROM %4$s s CROSS JOIN LATERAL whosaid.quotes(s.%5$I::text) x%6$s)'
	' INSERT INTO %7$s (%2$s, n, actor, kind, role, affiliation, aliases, mentions, first_span)'
	' SELECT %3$s, x.ordinality, x.actor, x.kind, x.role, x.affiliation, x.aliases, x.mentions,'
	' x.first_span'
	' FROM %4$s s CROSS JOIN LATERAL whosaid.actors(s.%5$I::text) WITH ORDINALITY x%6$s',
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
RETURN format('%sSELECT ARRAY[%s], s.%I::text FROM %s s',
	coalesce('WITH ' || ctes || ' ', ''),
	(SELECT string_agg(format('s.%I::text', k), ', ' ORDER BY i) FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)),
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

CREATE FUNCTION whosaid.track_insert()
RETURNS trigger
LANGUAGE plpgsql
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

COMMENT ON FUNCTION whosaid.track_insert() IS
'statement trigger of a tracked table: extracts quotes and actors of the inserted rows';

-- UPDATE: only rows whose body changed (or whose key changed) are extracted
-- again. Transition tables cannot be combined with UPDATE OF column, so the
-- trigger fires on every UPDATE and compares the bodies itself.
CREATE FUNCTION whosaid.track_update()
RETURNS trigger
LANGUAGE plpgsql
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
					  ' WHERE %s AND o.%I IS NOT DISTINCT FROM n.%I))',
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

COMMENT ON FUNCTION whosaid.track_update() IS
'statement trigger of a tracked table: extracts again the quotes and actors of rows whose body changed';

CREATE FUNCTION whosaid.track(tbl regclass, body_column name DEFAULT 'body',
							  time_column name DEFAULT NULL, prefix text DEFAULT NULL,
							  OUT quotes_table regclass, OUT actors_table regclass)
RETURNS record
LANGUAGE plpgsql
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
BEGIN
	SELECT c.oid, c.relname, c.relkind, n.nspname INTO rel
	FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = tbl;
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

	SELECT array_agg(a.attname ORDER BY k.i), array_agg(pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY k.i)
	INTO pk_cols, pk_types
	FROM pg_catalog.pg_index x
		CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, i)
		JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
	WHERE x.indrelid = tbl AND x.indisprimary;
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

	INSERT INTO whosaid.tracked (relid, body_column, key_columns, key_types, quotes_table, actors_table,
								 time_column, prefix)
	VALUES (tbl, body_column, pk_cols, pk_types, quotes_table, actors_table, time_column, prefix)
	RETURNING * INTO t;

	EXECUTE format('CREATE TRIGGER whosaid_track_insert AFTER INSERT ON %s'
				   ' REFERENCING NEW TABLE AS whosaid_new'
				   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.track_insert()', tbl);
	EXECUTE format('CREATE TRIGGER whosaid_track_update AFTER UPDATE ON %s'
				   ' REFERENCING OLD TABLE AS whosaid_old NEW TABLE AS whosaid_new'
				   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.track_update()', tbl);

	PERFORM whosaid._track_views(t);

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
LANGUAGE plpgsql
AS $$
DECLARE
	t whosaid.tracked;
BEGIN
	SELECT * INTO t FROM whosaid.tracked WHERE relid = tbl;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table % is not tracked', tbl
			USING ERRCODE = 'undefined_object';
	END IF;
	EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_insert ON %s', tbl);
	EXECUTE format('DROP TRIGGER IF EXISTS whosaid_track_update ON %s', tbl);
	DELETE FROM whosaid.tracked WHERE relid = tbl;
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
	t whosaid.tracked;
	after_cond text;
	range_cond text;
	cnt bigint;
	upper_key text[];
	total bigint;
	done bigint;
	run_rows bigint := 0;
	started timestamptz := clock_timestamp();
	last_notice timestamptz := clock_timestamp();
	secs float8;
	rate float8;
	batch_cte text;
	row_key text[];
	row_body text;
BEGIN
	IF batch_size IS NULL OR batch_size < 1 THEN
		RAISE EXCEPTION 'batch_size must be at least 1'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	t := whosaid._tracked(tbl);
	IF restart THEN
		UPDATE whosaid.tracked SET backfill_after = NULL, backfill_rows = 0, backfilled_at = NULL
		WHERE relid = tbl RETURNING * INTO t;
	ELSIF t.backfilled_at IS NOT NULL THEN
		RAISE NOTICE 'table % is already backfilled', tbl
			USING HINT = 'CALL whosaid.backfill(..., restart => true) extracts all rows again.';
		RETURN;
	END IF;
	EXECUTE format('SELECT count(*) FROM %s', tbl) INTO total;
	done := t.backfill_rows;

	range_cond := format('(%s) <= %s', whosaid._track_keys(t), whosaid._track_param(t, 2));
	LOOP
		after_cond := CASE WHEN t.backfill_after IS NULL THEN 'true'
						   ELSE format('(%s) > %s', whosaid._track_keys(t), whosaid._track_param(t, 1)) END;
		-- Lock the batch first: an UPDATE of one of its rows then waits for this
		-- batch to commit, and its trigger replaces what the batch wrote.
		EXECUTE format('SELECT count(*) OVER (), ARRAY[%s] FROM (SELECT %s FROM %s WHERE %s ORDER BY %s'
					   ' LIMIT $3 FOR SHARE) s ORDER BY %s LIMIT 1',
					   (SELECT string_agg(format('s.%I::text', k), ', ') FROM unnest(t.key_columns) k),
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
		UPDATE whosaid.tracked SET backfill_after = upper_key, backfill_rows = done
		WHERE relid = tbl RETURNING * INTO t;
		COMMIT;

		IF clock_timestamp() - last_notice >= interval '2 s' THEN
			last_notice := clock_timestamp();
			secs := greatest(extract(epoch FROM last_notice - started)::float8, 0.001);
			rate := run_rows / secs;
			RAISE NOTICE '%/% rows, % %%, % rows/s, about % s left',
				done, greatest(total, done), round(100.0 * done / greatest(total, done, 1)),
				round(rate), round(greatest(total - done, 0) / greatest(rate, 0.001));
		END IF;
	END LOOP;

	UPDATE whosaid.tracked SET backfilled_at = now() WHERE relid = tbl;
	COMMIT;
	secs := greatest(extract(epoch FROM clock_timestamp() - started)::float8, 0.001);
	RAISE NOTICE 'backfill of % done: % rows in % s (% rows/s)',
		tbl, run_rows, round(secs::numeric, 1), round(run_rows / secs);
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

CREATE FUNCTION whosaid._track_views(t whosaid.tracked)
RETURNS void
LANGUAGE plpgsql
AS $$
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
		' WHERE %s AND a.actor = q.speaker ORDER BY a.n LIMIT 1) sp ON true',
		nsp, t.prefix || '_who_said_what', whosaid._track_keys(t, 'q'), time_col,
		t.quotes_table, time_join, t.actors_table, whosaid._track_join(t, 'a', 'q'));
	v := format('%I.%I', nsp, t.prefix || '_who_said_what')::regclass;
	EXECUTE format('COMMENT ON VIEW %s IS %L', v,
				   format('who said what in %s: one row per quote, with the speaker''s kind, role and affiliation', t.relid));

	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT %s, %sq.actor, q.kind, q.role, q.affiliation, q.mentions,'
		' EXISTS (SELECT FROM %s w WHERE %s AND w.speaker = q.actor) AS quoted'
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
		' FROM %s a JOIN %s b ON %s AND a.actor <> b.actor GROUP BY 1, 2, 3, 4',
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
LANGUAGE plpgsql
AS $$
DECLARE
	nsp name := (SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
				 WHERE c.oid = t.quotes_table);
	suffix text;
BEGIN
	FOREACH suffix IN ARRAY ARRAY['_who_said_what', '_named_actors', '_top_speakers', '_actor_pairs'] LOOP
		EXECUTE format('DROP VIEW IF EXISTS %I.%I', nsp, t.prefix || suffix);
	END LOOP;
END
$$;

COMMENT ON FUNCTION whosaid._track_drop_views(whosaid.tracked) IS
'internal: drops the BI views of a tracked table (called by whosaid.untrack())';

-- The time filter of the helpers: [since, until) on the tracked time column.
CREATE FUNCTION whosaid._track_time_filter(t whosaid.tracked, since timestamptz, until timestamptz,
										   OUT join_sql text, OUT where_sql text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
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
	where_sql := format('($1 IS NULL OR s.%1$I >= $1) AND ($2 IS NULL OR s.%1$I < $2)', t.time_column);
END
$$;

COMMENT ON FUNCTION whosaid._track_time_filter(whosaid.tracked, timestamptz, timestamptz) IS
'internal: join and condition restricting a helper to rows of a tracked table in [since, until)';

CREATE FUNCTION whosaid.top_speakers(tbl regclass, since timestamptz DEFAULT NULL,
									 until timestamptz DEFAULT NULL, top int DEFAULT 10)
RETURNS TABLE (speaker text, quotes bigint, articles bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
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
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	t whosaid.tracked := whosaid._tracked(tbl);
	f record := whosaid._track_time_filter(t, since, until);
BEGIN
	-- with_actor matches an actor's canonical name or one of its aliases
	RETURN QUERY EXECUTE format(
		'SELECT o.actor, o.kind, count(DISTINCT (%s)) FROM %s x%s JOIN %s o ON %s'
		' WHERE (x.actor = $4 OR $4 = ANY (x.aliases)) AND o.actor IS DISTINCT FROM x.actor AND %s'
		' GROUP BY o.actor, o.kind ORDER BY 3 DESC, 1, 2 LIMIT $3',
		whosaid._track_keys(t, 'x'), t.actors_table, f.join_sql, t.actors_table,
		whosaid._track_join(t, 'o', 'x'), f.where_sql)
		USING since, until, top, with_actor;
END
$$;

COMMENT ON FUNCTION whosaid.cooccurring_actors(regclass, text, timestamptz, timestamptz, int) IS
'actors named in the same rows of a tracked table as with_actor, most frequent first';
