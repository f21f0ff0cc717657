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
