-- The entity layer (src/engine/entities.c): which names, pronouns and descriptions refer to
-- whom. Each text is one rule; the texts are made up for this test.
\pset null '∅'

-- a pronoun after two people of different gender, the woman's first name unknown to the
-- lexicon: "he" is the subject of the first sentence, not the nearer, ungendered name
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Dale Hicks greeted Ngozi Okafor at the door. She smiled. "We have much to discuss," he said.')
ORDER BY n;

-- salience: "He" is the subject of the last sentence, not the man it accused
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Prof Owen Tate accused Mr Rob Vance of hiding the costs. He told the radio station: "The numbers do not add up."')
ORDER BY n;

-- the same for "She" between two women
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Dr Helen Moss accused Ms Carla Reyes of misleading the committee. She told reporters: "The figures were wrong."')
ORDER BY n;

-- "he" never resolves to a place: a name ending in a place noun (tagged a person or not)
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Coach Sam Ruiz praised his players. The team then flew to Jackson County for the final. "We are ready," he said.')
ORDER BY n;

-- nor to a one-word name after "in", nor to a road opening with a first name
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Transit chief Dan Rooke unveiled the plan on Monday. The line will follow Morgan Highway to a new depot in Tilbury. "This is the right route," he said.')
ORDER BY n;

-- nor to a sentence-opening adverb before a comma that is never a name elsewhere
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Union leader Mark Fenwick spoke to members on Monday. Rather, the workers were angry about the delay, he said.')
ORDER BY n;

-- a definite description takes the person introduced with that role ("Mayoral candidate")
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Mayoral candidate Rosa Kent won the vote on Saturday. Her rival conceded. On Monday the mayor said the budget would be cut.')
ORDER BY n;

-- or with it in an apposition ("X, Minister of Transport,")
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Omar Haddad, Minister of Transport, visited the port. Later the minister said the port would grow.')
ORDER BY n;

-- "the company" takes the most salient organisation
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Veltrix Holdings Inc. reported a loss on Tuesday. The company said sales fell in Europe.')
ORDER BY n;

-- a first name alone joins the one full name it opens
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Police found Lena Marsh on Friday in a forest. Lena told officers she had walked for hours.')
ORDER BY n;

-- so does a family name written first
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Vice-President Zhao Lirong spoke in Davos on Wednesday. Zhao said growth would slow.')
ORDER BY n;

-- a company's first word joins its full name, even when the tagger calls it a person
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Korvant Electronics Co. posted record profits. Korvant said demand for chips was strong.')
ORDER BY n;

-- group and anonymous speakers stay without a name
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Officials at the port said the strike was over. A spokesperson said talks would resume.')
ORDER BY n;
-- a title and the first name alone are one entity with the full name
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Sir Alwyn Pryce, the trade envoy, visited the plant. Alwyn said exports would rise. "We are doing well," said Sir Alwyn Pryce.')
ORDER BY n;

-- a group's first word stands for the group
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Dalvik Group owns the bank. Dalvik said the deal was legal.')
ORDER BY n;

-- an acronym stands for the name it follows in brackets, commas and all
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('The family applied to Housing, Lands and Water Quebec (HLWQ) in May. HLWQ said the file was under review.')
ORDER BY n;
