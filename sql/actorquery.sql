-- actorquery: grammar, canonical output, errors with positions, matching
-- semantics of @@, binary round trip, highlight().
SET search_path = public, whosaid;

-- canonical form: prefixes spelled out, n-ary & and | flattened, parentheses only where needed
SELECT q::actorquery FROM (VALUES
  ('Sandberg'),
  ('"Sheryl Sandberg"'),
  ('speaker:"Sheryl Sandberg" & (org:MI5 | GCHQ)'),
  ('a & (b & c) | (d | e)'),
  ('!(a | b) & !!c'),
  ('speaker:(Parker | person:Sandberg)'),
  ('Organization:MI5 | LOCATION:London | Speaker:Person:x'),
  ('O''Neill & "say ""hi"""'),
  ('   ')) v(q);
SELECT to_actorquery('speaker:org:(MI5|GCHQ)');
-- text round trip
SELECT 'Sandberg'::actorquery::text::actorquery::text AS roundtrip;

-- errors: position (in characters), a reason, never a crash
SELECT 'Sheryl Sandberg'::actorquery;
SELECT 'Sandberg &'::actorquery;
SELECT 'Sandberg & (MI5 | GCHQ'::actorquery;
SELECT 'Sandberg)'::actorquery;
SELECT 'bogus:Sandberg'::actorquery;
SELECT 'person:org:x'::actorquery;
SELECT 'speaker:!x'::actorquery;
SELECT '"unterminated'::actorquery;
SELECT '""'::actorquery;
SELECT 'a | ...'::actorquery;
SELECT 'Zoë & | x'::actorquery;
SELECT to_actorquery('()');
SELECT to_actorquery(repeat('(', 900) || 'x' || repeat(')', 900));
SELECT to_actorquery(repeat('!', 900) || 'x');
-- long flat queries are fine
SELECT length(to_actorquery(repeat('x & ', 5000) || 'x')::text);

-- matching: every query token must be a token of one actor's name or aliases,
-- case- and accent-insensitively; prefixes constrain kind and speaker
CREATE TEMP TABLE v AS SELECT $$'Sheryl Sandberg':person:speaker 'Government Communications Headquarters'/GCHQ:organization 'Zoë Ball'/'Zoe':person 'MI5':organization 'London':place 'Andrew Parker'/'Sir Andrew Parker':person$$::actorvec AS v;
SELECT q, v @@ q::actorquery AS match FROM v, (VALUES
  ('Sandberg'), ('sandberg'), ('SANDBERG'), ('"Sheryl Sandberg"'), ('"sandberg sheryl"'),
  ('"Sheryl Parker"'), ('Sheryl & Parker'), ('GCHQ'), ('gchq'), ('"communications headquarters"'),
  ('zoe'), ('ZOË'), ('"Zoe Ball"'), ('Sir'), ('speaker:Sandberg'), ('speaker:Parker'),
  ('person:Sandberg'), ('org:Sandberg'), ('org:MI5'), ('place:London'), ('person:London'),
  ('speaker:person:Sheryl'), ('speaker:org:GCHQ'), ('!Facebook'), ('!MI5'), ('Facebook | MI5'),
  ('Facebook & MI5'), ('!(Facebook | Twitter) & speaker:Sandberg'), ('Sandberg & !speaker:Parker'),
  ('Sand'), ('MI'), ('"MI 5"')) q(q);
SELECT ''::actorquery @@ v AS empty_query, q @@ ''::actorvec AS empty_vec
FROM v, (SELECT '!x'::actorquery AS q) s;

-- binary round trip through COPY
CREATE TEMP TABLE aq (id int, q actorquery);
INSERT INTO aq VALUES (1, 'speaker:"Sheryl Sandberg" & (org:MI5 | !GCHQ)'), (2, ''), (3, 'Zoë');
COPY aq TO '/tmp/whosaid_actorquery.bin' WITH (FORMAT binary);
CREATE TEMP TABLE aq2 (LIKE aq);
COPY aq2 FROM '/tmp/whosaid_actorquery.bin' WITH (FORMAT binary);
SELECT id, q FROM aq2 ORDER BY id;
SELECT id, actorquery_send(q) FROM aq ORDER BY id;
-- recv rejects a malformed tree: an AND with one operand
COPY (SELECT '\x0100000000020200000001010000000000000178'::bytea) TO '/tmp/whosaid_actorquery_bad.bin' WITH (FORMAT binary);
COPY aq2 (q) FROM '/tmp/whosaid_actorquery_bad.bin' WITH (FORMAT binary);
-- and a name with no letters
COPY (SELECT '\x0100000000010100000000000121'::bytea) TO '/tmp/whosaid_actorquery_bad.bin' WITH (FORMAT binary);
COPY aq2 (q) FROM '/tmp/whosaid_actorquery_bad.bin' WITH (FORMAT binary);

-- highlight: options as ts_headline; bad options are errors
SELECT highlight('nothing here', 'x');
SELECT highlight('nothing here', 'x', 'StartSel=<em>, StopSel=</em>');
SELECT highlight('nothing here', 'x', 'MaxWords=3');
-- with the engine: mentions of the named actors and the quotes of matching
-- speakers are marked; names under ! are not (this output follows the
-- engine's actor and quote finders)
SELECT highlight('"We face a threat," said Andrew Parker, the head of MI5. Parker added: "It is serious." Sheryl Sandberg of Facebook disagreed.',
                 'speaker:Parker | !Sandberg', 'StartSel=[, StopSel=]');
SELECT provolatile, proparallel FROM pg_proc WHERE oid = 'whosaid.highlight(text, whosaid.actorquery, text)'::regprocedure;
