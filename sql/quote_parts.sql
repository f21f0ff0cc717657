-- whosaid.quote_parts(): one row per stretch of each quote of quotes(), in text order

-- a quote split around its attribution has two parts, each without the
-- attribution; an unsplit quote has one, equal to its content span
\set body '\'"We will win this fight," Mayor Jane Ruiz said on Monday. "Nobody should doubt it." The minister said the plan would work.\''
SELECT q.n, q.speaker, p.part, p.content_span,
       substr(:body, lower(p.content_span), upper(p.content_span) - lower(p.content_span)) AS words
FROM whosaid.quotes(:body) q JOIN whosaid.quote_parts(:body) p USING (n)
ORDER BY q.n, p.part;

-- the parts lie inside the quote's content span: the first starts it, the last ends it
SELECT q.n, count(*) AS parts,
       min(lower(p.content_span)) = lower(q.content_span) AS starts,
       max(upper(p.content_span)) = upper(q.content_span) AS ends
FROM whosaid.quotes(:body) q JOIN whosaid.quote_parts(:body) p USING (n)
GROUP BY q.n, q.content_span ORDER BY q.n;

-- no quotes, no parts; NULL gives no rows
SELECT count(*) FROM whosaid.quote_parts('The weather was fine.');
SELECT count(*) FROM whosaid.quote_parts(NULL);

-- an ordinary role may call it
CREATE ROLE quote_parts_reader;
SET ROLE quote_parts_reader;
SELECT count(*) FROM whosaid.quote_parts(:body);
RESET ROLE;
DROP ROLE quote_parts_reader;
