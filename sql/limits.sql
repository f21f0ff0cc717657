-- Size limits of the query-layer types and of the extraction functions: a clear
-- error with SQLSTATE 54000 (program_limit_exceeded), never an out-of-memory
-- (issue 21, items 2 and 3; figures in docs/limits.md).
SET search_path = whosaid, public;
\set VERBOSITY sqlstate
-- actorvec: at most 1,000,000 names, aliases included
SELECT pg_column_size(repeat('a ', 1000000)::actorvec) > 0 AS ok;
SELECT repeat('a ', 1000001)::actorvec IS NULL;
SELECT repeat('x/a ', 500001)::actorvec IS NULL;
-- and at most 64 MB of them (70 names of 1,000,000 bytes would be 70 MB; the
-- longest name is 1,024 bytes, so 65,600 names of 1,024 bytes)
SELECT (SELECT string_agg(repeat('x', 1018) || lpad(i::text, 6, '0'), ' ')
          FROM generate_series(1, 65600) i)::actorvec IS NULL;
-- actorquery: 1,000,000 names, 800 nested operators
SELECT (repeat('a | ', 1000000) || 'b')::actorquery IS NULL;
SELECT pg_column_size((repeat('!', 800) || 'x')::actorquery) > 0 AS ok;
SELECT (repeat('!', 801) || 'x')::actorquery IS NULL;
SELECT to_actorquery(repeat('(', 802) || 'x' || repeat(')', 802)) IS NULL;
-- the extraction functions take texts up to 8 MB
SELECT count(*) FROM quotes(repeat('x', 8 * 1024 * 1024 + 1));
SELECT count(*) FROM actors(repeat('x', 8 * 1024 * 1024 + 1));
SELECT count(*) FROM mentions(repeat('x', 8 * 1024 * 1024 + 1));
SELECT to_actorvec(repeat('x', 8 * 1024 * 1024 + 1)) IS NULL;
SELECT highlight(repeat('x', 8 * 1024 * 1024 + 1), 'x') IS NULL;
\set VERBOSITY default
SELECT to_actorvec(repeat('x', 8 * 1024 * 1024 + 1)) IS NULL;
SELECT repeat('a ', 1000001)::actorvec IS NULL;
