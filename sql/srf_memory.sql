-- One statement over many rows keeps its memory flat: quotes(), actors() and
-- mentions() leave nothing in the statement's memory per call (issue 21, item 4:
-- ExecutorState grew by about 780 bytes per quotes() call, 155 MB over 200,000 rows).
-- A probe in the join filter records the size of the statement's ExecutorState
-- after 2,000 and after 20,000 calls.
SET jit = off;
CREATE TEMP TABLE probe (label text, g int, bytes bigint);
CREATE FUNCTION pg_temp.probe(label text, g int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    IF g IN (2000, 20000) THEN
        INSERT INTO probe
        SELECT label, g, sum(total_bytes) FROM pg_backend_memory_contexts
         WHERE name = 'ExecutorState';
    END IF;
    RETURN 0;
END $$;
SELECT count(*) FROM generate_series(1, 20000) g,
       LATERAL whosaid.quotes('Mr Smith said "hello ' || g || '".') q
 WHERE pg_temp.probe('quotes', g) = 0;
SELECT count(*) FROM generate_series(1, 20000) g,
       LATERAL whosaid.actors('Mr John Smith went to Paris ' || g) a
 WHERE pg_temp.probe('actors', g) = 0;
SELECT count(*) FROM generate_series(1, 20000) g,
       LATERAL whosaid.mentions('Mr John Smith went to Paris ' || g) m
 WHERE pg_temp.probe('mentions', g) = 0;
-- in the select list (ProjectSet)
SELECT count(*) FROM (SELECT g, whosaid.actors('Mr John Smith went to Paris ' || g)
                        FROM generate_series(1, 20000) g) s
 WHERE pg_temp.probe('actors in the select list', g) = 0;
SELECT label,
       max(bytes) FILTER (WHERE g = 20000) - max(bytes) FILTER (WHERE g = 2000) < 1000000 AS flat
  FROM probe GROUP BY label ORDER BY label COLLATE "C";
