-- actorvec: text form, sorting and merging, errors, binary round trip,
-- @>, <@, &&, to_actorvec in a generated column.
SET search_path = public, whosaid;

-- entries sort by name then kind; duplicates merge (speaker OR'ed, aliases united)
SELECT $$'MI5':organization 'Andrew Parker'/Parker:person 'Andrew Parker'/'Sir Andrew':person:speaker$$::actorvec;
-- bare words, kind spellings and flags in any order and case; an alias equal to the name is dropped
SELECT $$zed:SPEAKER:Place   GCHQ/GCHQ/'Government Communications Headquarters':org$$::actorvec;
-- same name, different kinds stay apart
SELECT $$Washington:place Washington:person Washington:place$$::actorvec;
-- quotes inside names are doubled; round trip through text
SELECT $$'O''Neill':person 'it''s'$$::actorvec;
SELECT $$'O''Neill':person 'it''s'$$::actorvec::text::actorvec::text;
SELECT ''::actorvec AS empty, '   '::actorvec AS blank;

-- errors say where
SELECT $$'Andrew Parker':persn$$::actorvec;
SELECT $$'Andrew Parker$$::actorvec;
SELECT $$'Andrew Parker':person:place$$::actorvec;
SELECT $$'A'x$$::actorvec;
SELECT $$'':person$$::actorvec;
SELECT $$:person$$::actorvec;
SELECT $$A/ :person$$::actorvec;

-- containment and overlap: names compare case- and accent-insensitively
SELECT $$'Zoë Ball':person:speaker MI5:organization$$::actorvec @> $$'ZOE BALL'$$::actorvec AS name_only,
       $$'Zoë Ball':person:speaker MI5:organization$$::actorvec @> $$'zoe ball':person:speaker$$::actorvec AS with_flags,
       $$'Zoë Ball':person MI5:organization$$::actorvec @> $$'Zoe Ball':speaker$$::actorvec AS not_speaker,
       $$'Zoë Ball':person$$::actorvec @> $$Ball$$::actorvec AS not_a_token_match,
       $$'Zoë Ball':person$$::actorvec @> ''::actorvec AS empty_contained;
SELECT $$MI5:organization$$::actorvec <@ $$MI5:organization GCHQ:organization$$::actorvec AS contained,
       $$MI5:organization$$::actorvec && $$GCHQ MI5$$::actorvec AS share,
       $$MI5:organization$$::actorvec && $$MI5:place$$::actorvec AS other_kind,
       ''::actorvec && ''::actorvec AS empty;

-- binary send/recv round trip through COPY
CREATE TEMP TABLE av (id int, v actorvec);
INSERT INTO av VALUES
  (1, $$'Andrew Parker'/Parker/'Sir Andrew':person:speaker 'MI5':organization 'Zoë':place$$),
  (2, ''),
  (3, $$'O''Neill'/'Mr O''Neill':person:speaker$$);
COPY av TO '/tmp/whosaid_actorvec.bin' WITH (FORMAT binary);
CREATE TEMP TABLE av2 (LIKE av);
COPY av2 FROM '/tmp/whosaid_actorvec.bin' WITH (FORMAT binary);
SELECT id, v FROM av2 ORDER BY id;
SELECT count(*) AS same FROM av JOIN av2 USING (id) WHERE av.v::text = av2.v::text AND av.v @> av2.v AND av2.v @> av.v;
SELECT id, actorvec_send(v) FROM av ORDER BY id;

-- recv checks the version byte and the reserved byte: a bytea column
-- written in binary COPY format reads back as actorvec with the same bytes
COPY (SELECT set_byte(actorvec_send(v), 0, 2) FROM av WHERE id = 3) TO '/tmp/whosaid_actorvec_bad.bin' WITH (FORMAT binary);
COPY av2 (v) FROM '/tmp/whosaid_actorvec_bad.bin' WITH (FORMAT binary);
COPY (SELECT set_byte(actorvec_send(v), 1, 7) FROM av WHERE id = 3) TO '/tmp/whosaid_actorvec_bad.bin' WITH (FORMAT binary);
COPY av2 (v) FROM '/tmp/whosaid_actorvec_bad.bin' WITH (FORMAT binary);
-- a truncated value
COPY (SELECT substring(actorvec_send(v) from 1 for 12) FROM av WHERE id = 3) TO '/tmp/whosaid_actorvec_bad.bin' WITH (FORMAT binary);
COPY av2 (v) FROM '/tmp/whosaid_actorvec_bad.bin' WITH (FORMAT binary);
-- an absurd actor count
COPY (SELECT '\x0100ffffffff'::bytea) TO '/tmp/whosaid_actorvec_bad.bin' WITH (FORMAT binary);
COPY av2 (v) FROM '/tmp/whosaid_actorvec_bad.bin' WITH (FORMAT binary);

-- to_actorvec: IMMUTABLE, so usable in a stored generated column and an expression index
CREATE TEMP TABLE articles (
  id int PRIMARY KEY,
  body text,
  actors actorvec GENERATED ALWAYS AS (whosaid.to_actorvec(body)) STORED);
INSERT INTO articles (id, body) VALUES
  (1, 'The head of MI5, Andrew Parker, said on Tuesday: "We face a threat." Sheryl Sandberg of Facebook disagreed.'),
  (2, 'Nothing to see here.');
SELECT id, actors::text = to_actorvec(body)::text AS generated_matches FROM articles ORDER BY id;
SELECT provolatile, proparallel, proisstrict FROM pg_proc WHERE oid = 'whosaid.to_actorvec(text)'::regprocedure;
