
-- 35_claimvec.sql — claim layer: the claimvec type (a quotation normalised
-- for matching), claim_similarity(), the % operator and its function form
-- claim_matches(), and the default GIN operator class. Mirrors pg_trgm's
-- similarity / % / similarity_threshold. See docs/claims.md.

CREATE TYPE whosaid.claimvec;

CREATE FUNCTION whosaid.claimvec_in(cstring) RETURNS whosaid.claimvec
AS 'MODULE_PATHNAME', 'claimvec_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_out(whosaid.claimvec) RETURNS cstring
AS 'MODULE_PATHNAME', 'claimvec_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_recv(internal) RETURNS whosaid.claimvec
AS 'MODULE_PATHNAME', 'claimvec_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_send(whosaid.claimvec) RETURNS bytea
AS 'MODULE_PATHNAME', 'claimvec_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE whosaid.claimvec (
    INPUT = whosaid.claimvec_in,
    OUTPUT = whosaid.claimvec_out,
    RECEIVE = whosaid.claimvec_recv,
    SEND = whosaid.claimvec_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);

COMMENT ON TYPE whosaid.claimvec IS
'a quotation normalised for matching: case- and accent-folded words, punctuation and quotation marks ignored, segments split at ellipses; stored as sorted hashed grams of one and two words';
COMMENT ON FUNCTION whosaid.claimvec_in(cstring) IS
'claimvec input: any text, normalised as whosaid.to_claimvec() does';
COMMENT ON FUNCTION whosaid.claimvec_out(whosaid.claimvec) IS
'claimvec output: the normalised words, segments separated by …';
COMMENT ON FUNCTION whosaid.claimvec_recv(internal) IS 'claimvec binary input';
COMMENT ON FUNCTION whosaid.claimvec_send(whosaid.claimvec) IS 'claimvec binary output';

CREATE FUNCTION whosaid.to_claimvec(quote text) RETURNS whosaid.claimvec
AS 'MODULE_PATHNAME', 'to_claimvec' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.to_claimvec(text) IS
'a quotation (or a fragment, or a paragraph) normalised for matching; usable in a generated column or an expression index';

CREATE FUNCTION whosaid.claim_similarity(a whosaid.claimvec, b whosaid.claimvec) RETURNS real
AS 'MODULE_PATHNAME', 'claim_similarity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 100;
COMMENT ON FUNCTION whosaid.claim_similarity(whosaid.claimvec, whosaid.claimvec) IS
'how much of the shorter quotation is in the longer (0 to 1): 0.99 x containment + 0.01 x length ratio, so the closer length wins a tie and an identical quotation scores 1';

CREATE FUNCTION whosaid.claim_words(whosaid.claimvec) RETURNS int
AS 'MODULE_PATHNAME', 'claim_words' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.claim_words(whosaid.claimvec) IS
'the number of words of a claimvec, over all its segments';

-- % reads whosaid.claim_threshold, hence STABLE (as pg_trgm's similarity_op)
CREATE FUNCTION whosaid.claimvec_similar(whosaid.claimvec, whosaid.claimvec) RETURNS bool
AS 'MODULE_PATHNAME', 'claimvec_similar' LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 100;
COMMENT ON FUNCTION whosaid.claimvec_similar(whosaid.claimvec, whosaid.claimvec) IS
'implementation of %: claim_similarity(a, b) >= whosaid.claim_threshold';

CREATE OPERATOR whosaid.% (
    LEFTARG = whosaid.claimvec, RIGHTARG = whosaid.claimvec,
    FUNCTION = whosaid.claimvec_similar,
    COMMUTATOR = OPERATOR(whosaid.%),
    RESTRICT = matchingsel, JOIN = matchingjoinsel
);
COMMENT ON OPERATOR whosaid.% (whosaid.claimvec, whosaid.claimvec) IS
'same claim: claim_similarity >= whosaid.claim_threshold';

-- the function form works without whosaid in search_path and keeps the index
CREATE FUNCTION whosaid.claim_matches_support(internal) RETURNS internal
AS 'MODULE_PATHNAME', 'claim_matches_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid.claim_matches_support(internal) IS
'planner support for claim_matches(): the indexable % clause';
CREATE FUNCTION whosaid.claim_matches(a whosaid.claimvec, b whosaid.claimvec) RETURNS bool
AS 'MODULE_PATHNAME', 'claim_matches' LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 100
SUPPORT whosaid.claim_matches_support;
COMMENT ON FUNCTION whosaid.claim_matches(whosaid.claimvec, whosaid.claimvec) IS
'a % b as a function: same claim at whosaid.claim_threshold; uses a GIN index on either argument';

-- ---------------------------------------------------------------- GIN

CREATE FUNCTION whosaid.claimvec_gin_extract_value(whosaid.claimvec, internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'claimvec_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_gin_extract_query(whosaid.claimvec, internal, int2, internal, internal, internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'claimvec_gin_extract_query' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_gin_consistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal, internal)
RETURNS bool
AS 'MODULE_PATHNAME', 'claimvec_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION whosaid.claimvec_gin_triconsistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal)
RETURNS "char"
AS 'MODULE_PATHNAME', 'claimvec_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION whosaid.claimvec_gin_extract_value(whosaid.claimvec, internal, internal) IS
'GIN support: int4 keys of a claimvec (its grams, and its features flagged)';
COMMENT ON FUNCTION whosaid.claimvec_gin_extract_query(whosaid.claimvec, internal, int2, internal, internal, internal, internal) IS
'GIN support: keys of a % query at the current whosaid.claim_threshold';
COMMENT ON FUNCTION whosaid.claimvec_gin_consistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal, internal) IS
'GIN support: can a row with these keys reach the threshold?';
COMMENT ON FUNCTION whosaid.claimvec_gin_triconsistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal) IS
'GIN support: three-valued consistent';

CREATE OPERATOR CLASS whosaid.claimvec_ops
DEFAULT FOR TYPE whosaid.claimvec USING gin AS
    OPERATOR 1 whosaid.% (whosaid.claimvec, whosaid.claimvec),
    FUNCTION 1 btint4cmp(int4, int4),
    FUNCTION 2 whosaid.claimvec_gin_extract_value(whosaid.claimvec, internal, internal),
    FUNCTION 3 whosaid.claimvec_gin_extract_query(whosaid.claimvec, internal, int2, internal, internal, internal, internal),
    FUNCTION 4 whosaid.claimvec_gin_consistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal, internal),
    FUNCTION 6 whosaid.claimvec_gin_triconsistent(internal, int2, whosaid.claimvec, int4, internal, internal, internal),
    STORAGE int4;

COMMENT ON OPERATOR CLASS whosaid.claimvec_ops USING gin IS
'default GIN operator class for claimvec: % (same claim at whosaid.claim_threshold)';
