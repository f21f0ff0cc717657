-- whosaid.mentions(), whosaid.actors(), whosaid.model_info()

-- a seed-like paragraph: apposition, premodifiers, surname and honorific forms
-- (known limitation: the tagger stops "BBC Radio 4" before the digit)
SELECT * FROM whosaid.mentions(
'Andrew Parker, the director general of MI5, the UK’s national security intelligence agency, has called on Facebook to do more. Mr Parker was speaking on BBC Radio 4. Facebook''s chief operating officer Sheryl Sandberg said the company would act, and Twitter chief executive Jack Dorsey agreed. Sandberg spoke in Washington.');

SELECT * FROM whosaid.actors(
'Andrew Parker, the director general of MI5, the UK’s national security intelligence agency, has called on Facebook to do more. Mr Parker was speaking on BBC Radio 4. Facebook''s chief operating officer Sheryl Sandberg said the company would act, and Twitter chief executive Jack Dorsey agreed. Sandberg spoke in Washington.');

-- acronyms: in parentheses after the name, and as initials
SELECT actor, kind, aliases, mentions FROM whosaid.actors(
'The UK Government Communications Headquarters (GCHQ) said on Monday that GCHQ had warned Twitter. Paul Chichester, the Director for Operations at the National Cyber Security Centre, said the NCSC agreed.');

-- roles from "X, chief operating officer of Y," and "X is a reporter for Y"
SELECT actor, role, affiliation FROM whosaid.actors(
'In a statement, Sheryl Sandberg, chief operating officer of Facebook, said: “We are working hard.” Lucas Nolan is a reporter for Breitbart News.')
WHERE kind = 'person';

-- a woman's title is not a man's surname form: Mrs Axelrod is not David Axelrod
SELECT actor, kind, aliases FROM whosaid.actors(
'David Axelrod spoke first. Mrs Axelrod said the party was fun, and Mr Axelrod agreed.');

-- edge cases
SELECT count(*) FROM whosaid.mentions('');
SELECT count(*) FROM whosaid.actors('');
SELECT count(*) FROM whosaid.actors('no names here, only lower-case words and 42 numbers.');
SELECT * FROM whosaid.actors(NULL);
SELECT * FROM whosaid.mentions(NULL);
SELECT mention, span FROM whosaid.mentions('Zoë Ball met José Martínez in São Paulo on Tuesday.');
-- spans count characters, not bytes: the mention text is the span's substring
SELECT bool_and(mention = substr(t, lower(span), upper(span) - lower(span))) AS spans_match
FROM (SELECT 'Über-fan Zoë Ball told Björn Ulvaeus in Malmö that ABBA’s tour with Volvo was “wonderful”.'::text AS t) s,
     whosaid.mentions(s.t);
-- 1 MB of capital letters: no crash, bounded output
SELECT count(*) <= 300000 AS bounded FROM whosaid.mentions(repeat('ABCDEFGH IJKLMNOP ', 60000));
SELECT count(*) <= 300000 AS bounded FROM whosaid.actors(repeat('Xy Zw ', 170000));

-- a capitalised sentence opener is not part of a name
SELECT actor, kind, aliases FROM whosaid.actors('Anthony Weiner resigned in 2011. Although Weiner admitted it, he said no more.');

-- the model this backend loaded
SELECT path LIKE '%/extension/whosaid_ner.model' AS path_ok, bytes > 1000000 AS bytes_ok,
       load_ms >= 0 AS load_ok, features > 10000 AS features_ok, buckets, format
FROM whosaid.model_info();
