-- A tracked table's derived tables are filled by one pass of the engine per
-- row (whosaid._track_extract()): whosaid.quotes() tags a text's actors to
-- name its speakers, so calling it and whosaid.actors() on each row tagged
-- every text twice. The rows are those the two functions give.
CREATE TABLE te_texts (id int PRIMARY KEY, body text);
INSERT INTO te_texts VALUES
	(1, 'Mr Tony Blair said: "We will win this war and the next one too." Gordon Brown, the chancellor, disagreed.'),
	(2, 'Andrew Parker, the head of MI5, told the BBC that Facebook had "a responsibility to act". He added that the threat was real.'),
	(3, 'No quotes here, and no names.'),
	(4, '');

-- the same rows as quotes() and actors(), quotes with n > 0, actors with -n
SELECT (SELECT count(*) FROM te_texts t, whosaid._track_extract(t.body) x WHERE x.n > 0) AS quotes,
	   (SELECT count(*) FROM te_texts t, whosaid.quotes(t.body)) AS quotes_fn,
	   (SELECT count(*) FROM te_texts t, whosaid._track_extract(t.body) x WHERE x.n < 0) AS actors,
	   (SELECT count(*) FROM te_texts t, whosaid.actors(t.body)) AS actors_fn;
SELECT t.id, q.* FROM te_texts t, whosaid.quotes(t.body) q
EXCEPT ALL
SELECT t.id, x.n, x.kind, x.content, x.content_span, x.speaker, x.speaker_mention, x.speaker_span, x.cue, x.cue_span
FROM te_texts t, whosaid._track_extract(t.body) x WHERE x.n > 0;
SELECT t.id, a.ordinality::int, a.actor, a.kind, a.role, a.affiliation, a.aliases, a.mentions, a.first_span
FROM te_texts t, whosaid.actors(t.body) WITH ORDINALITY a
EXCEPT ALL
SELECT t.id, -x.n, x.actor, x.kind, x.role, x.affiliation, x.aliases, x.mentions, x.first_span
FROM te_texts t, whosaid._track_extract(t.body) x WHERE x.n < 0;
SELECT x.n, x.kind, x.content, x.speaker, x.actor, x.role
FROM whosaid._track_extract('Mr Tony Blair said: "We will win this war and the next one too." Gordon Brown, the chancellor, disagreed.') x
ORDER BY x.n;

-- a tracked INSERT calls the engine once per row, not quotes() and actors()
CREATE TABLE te_tracked (id int PRIMARY KEY, body text);
SELECT whosaid.track('te_tracked') IS NOT NULL AS tracked;
SET track_functions = 'all';
BEGIN;
INSERT INTO te_tracked SELECT id, body FROM te_texts;
SELECT funcname, calls FROM pg_stat_xact_user_functions
WHERE schemaname = 'whosaid' AND funcname IN ('quotes', 'actors', '_track_extract')
ORDER BY funcname COLLATE "C";
COMMIT;
RESET track_functions;
SELECT (SELECT count(*) FROM te_tracked_quotes) AS quotes, (SELECT count(*) FROM te_tracked_actors) AS actors,
	   (SELECT string_agg(actor, ', ' ORDER BY id, n) FROM te_tracked_actors) AS names;
SELECT whosaid.untrack('te_tracked', drop_tables => true);
DROP TABLE te_tracked, te_texts;
