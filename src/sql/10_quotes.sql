-- whosaid — install script of the version being developed (EXTVERSION in the
-- Makefile), assembled from src/sql/*.sql by the Makefile. Released versions are
-- frozen (whosaid--0.1.sql); every change to these pieces also goes into the
-- update script from the last release (whosaid--0.1--0.2.sql): docs/upgrading.md.
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
