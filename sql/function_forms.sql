-- The operators' function forms keep the GIN index (issue 21, item 8): in a
-- session with the default search_path (whosaid not on it), whosaid.matches()
-- and the other function forms become index conditions, and return the same
-- rows as the operators.
SHOW search_path;
CREATE TABLE ff_articles (
	id int PRIMARY KEY,
	body text,
	actors whosaid.actorvec GENERATED ALWAYS AS (whosaid.to_actorvec(body)) STORED);
INSERT INTO ff_articles (id, body) VALUES
	(1, '"We will win," said Sheryl Sandberg, the chief operating officer of Facebook.'),
	(2, '"It is too early to tell," said Andrew Parker, the director general of MI5.'),
	(3, 'Sheryl Sandberg of Facebook met Andrew Parker of MI5 in London.'),
	(4, 'The weather was mild in London on Tuesday.');
INSERT INTO ff_articles (id, body) SELECT g, 'Nothing to see here, number ' || g FROM generate_series(5, 200) g;
CREATE INDEX ff_articles_actors ON ff_articles USING gin (actors);
ANALYZE ff_articles;
SET enable_seqscan = off;

EXPLAIN (COSTS OFF) SELECT id FROM ff_articles WHERE whosaid.matches(actors, 'speaker:Sandberg');
EXPLAIN (COSTS OFF) SELECT id FROM ff_articles WHERE whosaid.actorvec_matches(actors, 'MI5 & Facebook');
EXPLAIN (COSTS OFF) SELECT id FROM ff_articles WHERE whosaid.actorquery_matches('Parker', actors);
EXPLAIN (COSTS OFF) SELECT id FROM ff_articles WHERE whosaid.actorvec_contains(actors, 'MI5:organization');
EXPLAIN (COSTS OFF) SELECT id FROM ff_articles WHERE whosaid.actorvec_contained('MI5', actors);
EXPLAIN (COSTS OFF) SELECT id FROM ff_articles WHERE whosaid.actorvec_overlaps(actors, 'London Facebook');
-- a parameter, as drivers send it
PREPARE q(text) AS SELECT id FROM ff_articles WHERE whosaid.matches(actors, $1::whosaid.actorquery);
EXPLAIN (COSTS OFF) EXECUTE q('"Sheryl Sandberg"');
EXECUTE q('"Sheryl Sandberg"');
-- the other operand a column of another table: a parameterized index scan
EXPLAIN (COSTS OFF) SELECT a.id FROM ff_articles a, ff_articles b
WHERE b.id = 1 AND whosaid.actorvec_overlaps(a.actors, b.actors);

-- the same rows as the operators, with and without the index
CREATE TEMP TABLE ff_queries (q text);
INSERT INTO ff_queries VALUES ('speaker:Sandberg'), ('MI5 & Facebook'), ('Parker | London'), ('!MI5'),
	('org:MI5 & !speaker:Parker'), ('"Sheryl Sandberg"'), ('place:London');
CREATE FUNCTION ff_check() RETURNS TABLE (q text, rows bigint, same boolean) LANGUAGE sql AS $$
	SELECT f.q, (SELECT count(*) FROM ff_articles a WHERE a.actors OPERATOR(whosaid.@@) f.q::whosaid.actorquery),
		   (SELECT array_agg(a.id ORDER BY a.id) FROM ff_articles a WHERE whosaid.matches(a.actors, f.q::whosaid.actorquery))
		   IS NOT DISTINCT FROM
		   (SELECT array_agg(a.id ORDER BY a.id) FROM ff_articles a WHERE a.actors OPERATOR(whosaid.@@) f.q::whosaid.actorquery)
	FROM ff_queries f ORDER BY f.q COLLATE "C"
$$;
SELECT * FROM ff_check();
RESET enable_seqscan;
SET enable_bitmapscan = off;
SET enable_indexscan = off;
SELECT * FROM ff_check();
RESET enable_bitmapscan;
RESET enable_indexscan;
SELECT count(*) AS contains_same FROM ff_articles
WHERE whosaid.actorvec_contains(actors, 'MI5:organization') = (actors OPERATOR(whosaid.@>) 'MI5:organization'::whosaid.actorvec)
  AND whosaid.actorvec_overlaps(actors, 'London Facebook') = (actors OPERATOR(whosaid.&&) 'London Facebook'::whosaid.actorvec)
  AND whosaid.actorvec_contained('MI5', actors) = ('MI5'::whosaid.actorvec OPERATOR(whosaid.<@) actors);

DROP FUNCTION ff_check();
DROP TABLE ff_articles;
