-- actorvec_gin: the default GIN operator class. amvalidate, plans, and the
-- same rows with and without the index for a generated set of queries over
-- synthetic actor vectors and synthetic texts (generated column and
-- expression index).
SET search_path = public, whosaid;

SELECT opcname, amvalidate(oid) FROM pg_opclass WHERE opcname = 'actorvec_ops';

-- 12 actors with aliases; document g holds actor i when (g * 7 + i * 3) % 5 < 2,
-- quoted when (g + i) % 3 = 0; every 13th document has no actors at all
CREATE TEMP TABLE pool (i int, name text, alias text, kind text) ;
INSERT INTO pool VALUES
  (1, 'Sheryl Sandberg', 'Sandberg', 'person'), (2, 'Andrew Parker', 'Sir Andrew', 'person'),
  (3, 'MI5', 'Security Service', 'organization'), (4, 'Government Communications Headquarters', 'GCHQ', 'organization'),
  (5, 'London', 'London', 'place'), (6, 'Zoë Ball', 'Zoe', 'person'),
  (7, 'Facebook', 'Facebook Inc.', 'organization'), (8, 'Washington', 'Washington DC', 'place'),
  (9, 'George Washington', 'Washington', 'person'), (10, 'Seán O''Brien', 'O''Brien', 'person'),
  (11, 'Twitter', 'X Corp', 'organization'), (12, 'Paris', 'Paris', 'place');
CREATE TABLE gin_docs (id int PRIMARY KEY, v actorvec);
INSERT INTO gin_docs
SELECT g, coalesce((SELECT string_agg(format('%s/%s:%s%s', quote_literal(name), quote_literal(alias), kind,
                                             CASE WHEN (g + i) % 3 = 0 THEN ':speaker' ELSE '' END), ' ')
                    FROM pool WHERE (g * 7 + i * 3) % 5 < 2 AND g % 13 <> 0), '')::actorvec
FROM generate_series(1, 2000) g;
SELECT count(*) AS docs, count(*) FILTER (WHERE v::text = '') AS empty FROM gin_docs;
CREATE INDEX gin_docs_v ON gin_docs USING gin (v);

-- queries: each name token with every prefix, pairs with & | and !, and some odd ones
CREATE TEMP TABLE queries (q text);
INSERT INTO queries
SELECT p || t FROM (VALUES (''), ('speaker:'), ('person:'), ('org:'), ('place:'), ('speaker:person:'),
                           ('speaker:org:'), ('speaker:place:'), ('!'), ('!speaker:')) pr(p),
                   (VALUES ('Sandberg'), ('"Sheryl Sandberg"'), ('Parker'), ('sir'), ('mi5'), ('GCHQ'),
                           ('"security service"'), ('London'), ('zoe'), ('ZOË'), ('facebook'), ('inc'),
                           ('Washington'), ('"George Washington"'), ('DC'), ('obrien'), ('"O''Brien"'),
                           ('Twitter'), ('"X Corp"'), ('Paris'), ('Nobody'), ('"Sheryl Parker"')) nm(t);
INSERT INTO queries
SELECT format('%s %s %s', a.t, op, b.t)
FROM (VALUES ('Sandberg'), ('speaker:Parker'), ('org:MI5'), ('!London'), ('zoe')) a(t),
     (VALUES ('&'), ('|'), ('& !'), ('| !')) o(op),
     (VALUES ('Washington'), ('place:Washington'), ('speaker:GCHQ'), ('Nobody')) b(t);
INSERT INTO queries VALUES (''), ('!(Sandberg | Parker | MI5)'), ('!(Sandberg & Parker)'),
  ('(Sandberg | Parker) & !(MI5 | GCHQ) & speaker:(Facebook | Twitter)'), ('!!Paris'), ('Nobody | !Nobody');
SELECT count(*) AS queries FROM queries;

-- the answer without the index
SET enable_bitmapscan = off;
SET enable_indexscan = off;
CREATE TEMP TABLE seq AS
SELECT q, (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM gin_docs WHERE v @@ q::actorquery) AS ids FROM queries;
RESET enable_bitmapscan;
RESET enable_indexscan;

-- the answer through the index, query by query
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM gin_docs WHERE v @@ 'speaker:Sandberg & !MI5'::actorquery;
EXPLAIN (COSTS OFF) SELECT id FROM gin_docs WHERE 'Sandberg'::actorquery @@ v;
CREATE FUNCTION pg_temp.by_index(q text) RETURNS int[] LANGUAGE plpgsql AS $$
DECLARE r int[]; plan text;
BEGIN
  EXECUTE 'EXPLAIN (COSTS OFF) SELECT id FROM gin_docs WHERE v @@ $1::whosaid.actorquery' INTO plan USING q;
  IF plan NOT LIKE 'Bitmap Heap Scan%' THEN RAISE EXCEPTION 'no index scan for %: %', q, plan; END IF;
  EXECUTE 'SELECT coalesce(array_agg(id ORDER BY id), ''{}'') FROM gin_docs WHERE v @@ $1::whosaid.actorquery' INTO r USING q;
  RETURN r;
END $$;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE ids <> pg_temp.by_index(q)) AS mismatches,
       count(*) FILTER (WHERE cardinality(ids) > 0) AS with_rows,
       count(*) FILTER (WHERE cardinality(ids) = 2000) AS all_rows
FROM seq;
-- a few answers in full, as row counts
SELECT q, cardinality(ids) AS n FROM seq
WHERE q IN ('Sandberg', 'speaker:Sandberg', 'Washington', 'place:Washington', 'person:Washington',
            '!Sandberg', '', 'Nobody', 'Nobody | !Nobody', '"Sheryl Parker"', 'zoe', 'ZOË')
ORDER BY q COLLATE "C";

-- @> and && through the index give the same rows as without it
CREATE TEMP TABLE probes (p actorvec);
INSERT INTO probes VALUES ($$'Sheryl Sandberg'$$), ($$'sheryl sandberg':person:speaker$$),
  ($$MI5:organization 'Zoë Ball'$$), ($$Washington:place$$), ($$Washington$$), ($$''''$$), (''), ($$Nobody$$);
CREATE FUNCTION pg_temp.vec_by_index(p actorvec, op text) RETURNS int[] LANGUAGE plpgsql AS $$
DECLARE r int[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(id ORDER BY id), ''{}'') FROM gin_docs WHERE v OPERATOR(whosaid.%s) $1', op) INTO r USING p;
  RETURN r;
END $$;
EXPLAIN (COSTS OFF) SELECT id FROM gin_docs WHERE v @> $$'Sheryl Sandberg'$$::actorvec;
EXPLAIN (COSTS OFF) SELECT id FROM gin_docs WHERE v && $$'Sheryl Sandberg'$$::actorvec;
CREATE TEMP TABLE vec_idx AS
SELECT p, pg_temp.vec_by_index(p, '@>') AS by_contains, pg_temp.vec_by_index(p, '&&') AS by_overlap FROM probes;
SET enable_seqscan = on;
SET enable_bitmapscan = off;
SELECT p, cardinality(by_contains) AS n_contains, cardinality(by_overlap) AS n_overlap,
       by_contains = pg_temp.vec_by_index(p, '@>') AS same_contains,
       by_overlap = pg_temp.vec_by_index(p, '&&') AS same_overlap
FROM vec_idx ORDER BY p::text COLLATE "C";
RESET enable_bitmapscan;

-- synthetic texts with known names: a stored generated column with a GIN
-- index, and an expression index, answer as a sequential scan does
CREATE TABLE gin_articles (
  id int PRIMARY KEY,
  body text NOT NULL,
  actors actorvec GENERATED ALWAYS AS (whosaid.to_actorvec(body)) STORED);
INSERT INTO gin_articles (id, body)
SELECT g, format('"%s," said %s, the head of %s, on Tuesday. %s met officials in %s. %s added: "%s."',
                 (ARRAY['We face a threat', 'The numbers are up', 'Nothing has changed'])[g % 3 + 1],
                 a.name, o.name, b.name, p.name, split_part(a.name, ' ', 2),
                 (ARRAY['It is serious', 'We will act', 'No comment'])[g % 3 + 1])
FROM generate_series(1, 300) g,
     LATERAL (SELECT name FROM (VALUES (0, 'Andrew Parker'), (1, 'Sheryl Sandberg'), (2, 'Angela Merkel'), (3, 'Boris Johnson')) x(k, name) WHERE k = g % 4) a,
     LATERAL (SELECT name FROM (VALUES (0, 'Richard Moore'), (1, 'Mark Zuckerberg'), (2, 'Emmanuel Macron')) x(k, name) WHERE k = g % 3) b,
     LATERAL (SELECT name FROM (VALUES (0, 'MI5'), (1, 'Facebook'), (2, 'the Treasury'), (3, 'GCHQ'), (4, 'Google')) x(k, name) WHERE k = g % 5) o,
     LATERAL (SELECT name FROM (VALUES (0, 'London'), (1, 'Paris'), (2, 'Berlin'), (3, 'Washington')) x(k, name) WHERE k = g % 4) p;
CREATE INDEX gin_articles_actors ON gin_articles USING gin (actors);
CREATE INDEX gin_articles_expr ON gin_articles USING gin (whosaid.to_actorvec(body));
SELECT count(*) AS generated_equals_function FROM gin_articles WHERE actors::text = to_actorvec(body)::text;
CREATE TEMP TABLE text_queries (q text);
INSERT INTO text_queries VALUES ('Parker'), ('speaker:Parker'), ('Sandberg & !Paris'), ('person:Merkel | place:Berlin'),
  ('speaker:"Boris Johnson"'), ('Zuckerberg & Sandberg'), ('!Macron'), ('org:MI5 | org:GCHQ'), ('London'), ('Nobody');
SET enable_bitmapscan = off;
SET enable_indexscan = off;
CREATE TEMP TABLE text_seq AS
SELECT q, (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM gin_articles WHERE actors @@ q::actorquery) AS col,
          (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM gin_articles WHERE to_actorvec(body) @@ q::actorquery) AS expr
FROM text_queries;
RESET enable_bitmapscan;
RESET enable_indexscan;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM gin_articles WHERE actors @@ 'speaker:Parker'::actorquery;
EXPLAIN (COSTS OFF) SELECT id FROM gin_articles WHERE whosaid.to_actorvec(body) @@ 'speaker:Parker'::actorquery;
CREATE FUNCTION pg_temp.text_by_index(q text, e text) RETURNS int[] LANGUAGE plpgsql AS $$
DECLARE r int[];
BEGIN
  EXECUTE format('SELECT coalesce(array_agg(id ORDER BY id), ''{}'') FROM gin_articles WHERE %s OPERATOR(whosaid.@@) $1::whosaid.actorquery', e) INTO r USING q;
  RETURN r;
END $$;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE col <> expr) AS column_vs_expression,
       count(*) FILTER (WHERE col <> pg_temp.text_by_index(q, 'actors')) AS column_index_mismatches,
       count(*) FILTER (WHERE expr <> pg_temp.text_by_index(q, 'whosaid.to_actorvec(body)')) AS expression_index_mismatches
FROM text_seq;
-- how many rows each query finds follows the engine's actor and quote finders
SELECT q, cardinality(col) AS n FROM text_seq ORDER BY q COLLATE "C";
RESET enable_seqscan;

DROP TABLE gin_docs, gin_articles;
