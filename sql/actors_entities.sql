-- actors() takes its entities from the entity layer (src/engine/entities.c): one entity is
-- one actor, with its short forms as aliases and one kind, the same in quotes(),
-- mentions() and to_actorvec(). The texts are made up for this test.
\pset null '∅'

-- a company's first word joins the name ending in its suffix, even where the tagger made the
-- short form a person and cut the full name short ("Electronics Co.")
SELECT actor, kind, aliases, mentions
FROM whosaid.actors('Korvant Electronics Co. reported record profits on Tuesday. '
  'Korvant said its phones sold well in Asia.');

SELECT n, mention, kind, actor
FROM whosaid.mentions('Korvant Electronics Co. reported record profits on Tuesday. '
  'Korvant said its phones sold well in Asia.')
ORDER BY n;

-- the speaker of both reports is that one organisation, in quotes() and in to_actorvec()
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Korvant Electronics Co. reported record profits on Tuesday. '
  'Korvant said its phones sold well in Asia.')
ORDER BY n;

SELECT whosaid.to_actorvec('Korvant Electronics Co. reported record profits on Tuesday. '
  'Korvant said its phones sold well in Asia.');

-- a family name first: "Wang" is Wang Qishan
SELECT actor, kind, aliases, mentions
FROM whosaid.actors('Wang Qishan met the delegation in Beijing. Wang told reporters the talks were useful.');

-- a first name joins the one full name it opens
SELECT actor, kind, aliases, mentions
FROM whosaid.actors('Ilse Marrow won the chess final in Oslo. Ilse said she had trained for a year.');

-- a name ending in a place noun is a place, however the tagger labelled its mentions
-- (mentions() keeps the tagger's label of each mention; the actor has the entity's kind)
SELECT actor, kind, aliases, mentions
FROM whosaid.actors('Officers searched Greer County on Monday. The sheriff of Greer County said the search would go on.');

SELECT n, mention, kind, actor
FROM whosaid.mentions('Officers searched Greer County on Monday. The sheriff of Greer County said the search would go on.')
ORDER BY n;

-- a woman's title does not join a man's full name ending in the same surname
SELECT actor, kind, aliases, mentions
FROM whosaid.actors('Hugo Brandt chaired the meeting. Mrs Brandt said the budget was too small, and Mr Brandt agreed.');
