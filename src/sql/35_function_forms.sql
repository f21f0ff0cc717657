-- 35_function_forms.sql — every actorvec operator has a function form that
-- keeps the GIN index (src/pg/operator_support.c): a planner support function
-- turns whosaid.matches(actors, q) into the index condition actors @@ q. A
-- session without schema whosaid on its search_path can query with an index
-- without writing OPERATOR(whosaid.@@).
--
--   whosaid.matches(actorvec, actorquery)             actors @@ query
--   whosaid.actorvec_matches(actorvec, actorquery)    the same
--   whosaid.actorquery_matches(actorquery, actorvec)  query @@ actors
--   whosaid.actorvec_contains(actorvec, actorvec)     a @> b
--   whosaid.actorvec_contained(actorvec, actorvec)    a <@ b (indexed as b @> a)
--   whosaid.actorvec_overlaps(actorvec, actorvec)     a && b

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
