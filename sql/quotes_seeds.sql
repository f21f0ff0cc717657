-- whosaid.quotes() over the three seed articles (test/fixtures/seeds), checked
-- against the hand annotation in test/fixtures/seeds/gold.jsonl.
-- The files are read by psql, not by the server: the server may
-- not be able to read the checkout (a clone in a root-only directory).
\set seed0 `cat "$PG_ABS_SRCDIR/test/fixtures/seeds/000_19073f590a725013.txt"`
\set seed1 `cat "$PG_ABS_SRCDIR/test/fixtures/seeds/001_eb9d88a9c02fc934.txt"`
\set seed2 `cat "$PG_ABS_SRCDIR/test/fixtures/seeds/002_12b5116f7731c41e.txt"`
\set gold `cat "$PG_ABS_SRCDIR/test/fixtures/seeds/gold.jsonl"`
CREATE TEMP TABLE seeds (file text, body text);
INSERT INTO seeds VALUES ('000_19073f590a725013.txt', :'seed0'), ('001_eb9d88a9c02fc934.txt', :'seed1'),
	('002_12b5116f7731c41e.txt', :'seed2');
CREATE TEMP TABLE gold AS
SELECT g->>'file' AS file, q->>'kind' AS kind, (q->>'content_start')::int + 1 AS cs,
       (q->>'content_end')::int + 1 AS ce, q->>'speaker' AS speaker
FROM regexp_split_to_table(:'gold', E'\n') l,
     LATERAL (SELECT l::jsonb AS g) j, jsonb_array_elements(g->'quotes') q
WHERE l <> '';

-- every gold quote is found (character IoU >= 0.5) and attributed to the right speaker
SELECT g.file, g.kind, g.cs, g.speaker AS gold_speaker, best.speaker, round(best.iou, 2) AS iou
FROM gold g
LEFT JOIN LATERAL (
  SELECT q.speaker,
         (upper(q.content_span * int4range(g.cs, g.ce)) - lower(q.content_span * int4range(g.cs, g.ce)))::numeric
           / (greatest(upper(q.content_span), g.ce) - least(lower(q.content_span), g.cs)) AS iou
  FROM seeds s, whosaid.quotes(s.body) q
  WHERE s.file = g.file AND q.content_span && int4range(g.cs, g.ce)
  ORDER BY 2 DESC LIMIT 1) best ON true
ORDER BY g.file COLLATE "C", g.cs;

-- the page furniture and scare quotes named in gold.jsonl are not quotes of their own
SELECT nq.text AS not_quote, count(q.n) AS reported_as_own_quote
FROM (SELECT g->>'file' AS file, n->>'text' AS text
      FROM regexp_split_to_table(:'gold', E'\n') l
      CROSS JOIN LATERAL (SELECT l::jsonb AS g) j
      CROSS JOIN LATERAL jsonb_array_elements(g->'not_quotes') n
      WHERE l <> '') nq
JOIN seeds s USING (file)
LEFT JOIN LATERAL whosaid.quotes(s.body) q ON q.content = trim(both '“”" ' from nq.text)
GROUP BY 1 ORDER BY nq.text COLLATE "C";
