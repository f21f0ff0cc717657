
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
CREATE FUNCTION whosaid.actorvec_typanalyze(internal) RETURNS bool
AS 'MODULE_PATHNAME', 'actorvec_typanalyze' LANGUAGE C STRICT PARALLEL SAFE;

CREATE TYPE whosaid.actorvec (
    INPUT = whosaid.actorvec_in,
    OUTPUT = whosaid.actorvec_out,
    RECEIVE = whosaid.actorvec_recv,
    SEND = whosaid.actorvec_send,
    ANALYZE = whosaid.actorvec_typanalyze,
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
COMMENT ON FUNCTION whosaid.actorvec_typanalyze(internal) IS
'ANALYZE support: keeps a sample of the values, on which matchingsel estimates the operators';

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
    RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR whosaid.@@ (
    LEFTARG = whosaid.actorquery, RIGHTARG = whosaid.actorvec,
    FUNCTION = whosaid.actorquery_matches,
    COMMUTATOR = OPERATOR(whosaid.@@),
    RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR whosaid.@> (
    LEFTARG = whosaid.actorvec, RIGHTARG = whosaid.actorvec,
    FUNCTION = whosaid.actorvec_contains,
    COMMUTATOR = OPERATOR(whosaid.<@),
    RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR whosaid.<@ (
    LEFTARG = whosaid.actorvec, RIGHTARG = whosaid.actorvec,
    FUNCTION = whosaid.actorvec_contained,
    COMMUTATOR = OPERATOR(whosaid.@>),
    RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR whosaid.&& (
    LEFTARG = whosaid.actorvec, RIGHTARG = whosaid.actorvec,
    FUNCTION = whosaid.actorvec_overlaps,
    COMMUTATOR = OPERATOR(whosaid.&&),
    RESTRICT = matchingsel, JOIN = matchingjoinsel
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
