-- whosaid.quotes(): who said what, on small texts whose answer is known.
\pset null '∅'

-- a split quote with an inverted cue is one quote; spans are 1-based characters
SELECT n, kind, content, speaker, speaker_mention, cue, content_span, speaker_span, cue_span
FROM whosaid.quotes('“We don’t own those platforms,” said Paul Chichester, “we don’t run them.”');

-- cue after the quote, pronoun resolved to the last man named; surname to full name
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'Andrew Parker, the director general of MI5, spoke on Tuesday.\n'
                    '“We must act now,” he said. “The threat is real,” Parker added.');

-- cue before the quote, with a colon; woman resolved through "she"
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes('Sheryl Sandberg, chief operating officer of Facebook, said: “We all need to work together.” '
                    'She added that the company would “do more to stop meddling in elections”.');

-- straight quotes and single quotes used as quotation marks
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes($$"Taxes will rise," Mr. Smith said. 'We will win,' said Mary Jones.$$);

-- apostrophes are not quotation marks
SELECT count(*) AS quotes
FROM whosaid.quotes($$Parker's view: don't panic. In the '90s O'Neill's students' union met.$$);

-- a quote running over two paragraphs, and a quote paragraph with no cue that
-- continues it: one quote in three parts
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'“The first part of the statement runs on.\n\n'
                    '“And the second part ends it,” said Jack Dorsey.\n\n'
                    '“A third paragraph follows with no cue at all.”');
-- after reported speech, a cue-less quote paragraph is a quote of its own, same speaker
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'Jack Dorsey said that the company would act on abuse.\n\n'
                    '“We will do more, and we will do it this year.”');

-- indirect speech: said that, told, called on, according to
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes('The minister said that taxes would rise next year. '
                    'Officials told the Senate the program was working well. '
                    'MI5 has called on social networks to report dangerous users. '
                    'According to the police, the suspect fled the city on foot.');

-- speakers with premodifiers and party tags; a participle's subject is the sentence's;
-- a cue inside the reported clause; a question ending the quote, then the cue
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'“We will carry this county,” Okafor campaign manager Dennis Hartley said.\n\n'
                    'Speaker Walter Brisco (R-OH) said that the budget would pass.\n\n'
                    'Pettigrew praised Lindqvist, saying that she was a tough negotiator.\n\n'
                    'Over the winters, Ms. Varga said, letters have kept her close to home.\n\n'
                    '“Did you know it was a forgery?” Nora Feld asked the curator.');

-- a colon ending the paragraph before the quote; a name and a colon
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'Senator Harold Quist said:\n\n'
                    '“In every office I worked in, it was as quiet as a library.”\n\n'
                    'Marchetti: “Our aim is not to slow the tunnel but to finish it.”');

-- a lead-in the quoted fragment continues is part of the content: mixed
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Delgado tried to stay neutral, and in doing so she “lost the trust of both camps,” Ferreira said.');

-- a report nested at the end of another is not repeated ("wants" inside "says")
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Rosa Lindgren says she wants to extend those rules to private lenders.');

-- progressive cues; a participle after the closing mark starts a second report
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Victor Ambrose is insisting that he has “rebuilt the old harbour district,” claiming that he alone brought the new jobs.');

-- "and later said": the sentence's subject speaks
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('Gideon Farrow brought up the flood and later said, “The river rises higher every spring.”');

-- manner-of-speaking cues; a first name that is also a word ("Will"); a party tag ending in "."
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'“They ruined the harvest,” the farmer shouted.\n\n'
                    '"It is a fairly costly design," said Will Hartigan, a professor at Lakeshore University.\n\n'
                    '“These seats have drawn real interest,” Rep. Nadia Ostrowski (D-Minn.) said.');

-- an adverb before the cue (not "family"); "said, adding" keeps the speaker; a sentence opener is no subject
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes(E'Tapping the table, Ferreira angrily said, “I am tired of the delays.”\n\n'
                    '“It has been a complete mess,” Ambrose said, adding, “Nobody listens.”\n\n'
                    'Instead, Helen Will called for members to back Sam Ortega.\n\n'
                    'His family said that he was at home.');

-- "he" resolves to a person the tagger found, even without a known first name
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Fire Chief Brannock spoke for an hour on Tuesday. “We did our best,” he said.');

-- "… and said" with no earlier speaker: the sentence's subject; an object "X of Y"
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Ambrose stood by his remarks about Keane and said the auditor had “a clear personal stake” in the review.\n\n'
                    'Mira Castell told Owen Pryce of Channel Nine that “you have to weigh it very carefully, of course.”');

-- "…, said X": the clause before the cue is the content, X the speaker (not the clause's last word)
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'The economy is improving, said John Smith, an economist at the bank.\n\n'
                    'The ruling marks "the start of a long fight" for the growers, said Ilse Vandermeer.');

-- a determiner-led subject before a relative clause keeps its head: "A spokesman", not "the company"
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes('A spokesman for the company, who joined it in March, said the plan had failed.');

-- a cue-less quote later in the paragraph continues the report before it, which becomes mixed;
-- in the next paragraph it is a quote of its own by the same speaker
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Sen. Walter Brisco said that he and his aides had read the text closely. “We were precise about it, every line.”\n\n'
                    '“Nothing in the measure changes the treaty. It is a different matter altogether.”\n\n'
                    'Sen. Lena Marsh said the measure lacked support among farmers.\n\n'
                    '“We will keep working on them about it,” she said later.');

-- after the cue, a second part follows punctuation or ", but"; a term in the narrative is not one
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'"You know, I admire Dan," Governor Ruth Okafor said, but "on roads, Dan has a record."\n\n'
                    '"I am all for the hunting season," says Tomas Reyes, 44, but he was surprised to learn about the "weekend permit rule" that lets some hunters skip fees.');

-- the speaker's aside after the cue ("noting …") does not end the quote; a quote opening a sentence
-- inside a later paragraph, after narrative, continues nothing
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'"That is the big question," Sen. Tom Clark said, noting he would back any of the others. "We have a deep bench here."\n\n'
                    'The campaign has since hired staff in Ohio. "It was never going to be easy in that state."');

-- a quote right after the cue that the sentence goes on from is part of a mixed report;
-- one that ends its sentence is direct
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Sen. Irene Galloway says “the tide is turning our way” despite her loss in Iowa.\n\n'
                    'Sen. Irene Galloway said, “The tide is turning our way.”');

-- a report is mixed from 4 quoted words on; a quoted term or two leaves it indirect
SELECT n, kind, content
FROM whosaid.quotes(E'Sen. Irene Galloway said the party “must listen to rural voters again” this year.\n\n'
                    'Sen. Irene Galloway said the offer was “very generous” and fair.');

-- a left mark glued to the word before and followed by a space closes ("not,“ he said");
-- an age is part of a speaker phrase
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes(E'“Clearly not,“ he said. “An old fox does not forget the henhouse.”\n\n'
                    '“We will keep trying,” said the 52-year-old.');

-- a narrative sentence between two quoted stretches ends the first quote; the second has the same speaker
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Marta Quist said, "I do accept the blame." She followed that with a story about her father. "I am not a born campaigner."');

-- a report inside a direct quote's attribution does not take the speaker's next quoted sentence
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('“We did it tonight,” Victor Ambrose said, an hour after the networks declared him the winner. “This is a wonderful night for all of us.”');

-- a quote opened inside a reported clause runs to its closing mark, past the sentence end
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Lena Marsh said the mood of the hearing “was because they went after the mayor. And I think Owen Pryce held up well.”');

-- a partitive speaker ("one of those aides") is anonymous; "went on to say" is a cue;
-- a cue ending in a colon introduces the next quote, not the one before
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'“There won’t be a way back for Galloway,” said one of those aides.\n\n'
                    '“It is going to be tight,” Harriet Voss said. “This is what we are facing.” She went on to say:\n\n'
                    '“None of them will stand up and back the candidate.”');

-- "Newsly.com." and "the U.S." end a sentence before an opening quote
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes('Newsrooms are in a slump, said Darren Pike, editor of Newsly.com. "You have a lean operation," he said. '
                    'He moved back to the U.S. "I missed the lake," he said.');

-- a quoted title before "X said" + a clause is not what X said; "but said" starts a second report
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Speaking on Channel Nine’s “Morning Desk,” Mira Castell said if Victor Ambrose picked her it would be a “two-captain ship.” '
                    'Pellham said the choir would keep rehearsing on Sundays, but said, “Next year we try a new hall.”');

-- a cue after the quote that reports a clause of its own leaves the quote to the cue before it;
-- a show named after the cue of the quote before is not a quote
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Rosa Lindgren, irritated, responded: "What difference does it make now?" Her rivals cited it as proof that she did not care. '
                    '"Of course Tom Lindgren is fair game," Harriet Voss told "Morning Desk," reminding viewers that he was a mayor.');

-- clause first: "…, X said Monday.", "…, X said Tuesday in Lyon, noting …", "…, said X, a … expert";
-- subjects past "however" and a parenthesis
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Victor Ambrose is on firm ground, Harriet Voss said Monday. '
                    'His threats are alarming, Mathilde Roussel said Tuesday in Lyon, noting the candidate was a risk. '
                    'A number of things drive the price of housing, said Owen Pryce, a mortgage expert. '
                    'Dan Keller however said he would welcome Norway’s help. '
                    'Ruth Okafor (who has 30 votes so far) said it is possible for her to win.');

-- a sentence of only subject, cue and tail reports nothing, and introduces the quoted sentence after it;
-- "appeared" is a cue only before "to"/"that"; a participle's subject is found past a comma-fenced opener
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Dennis Hartley, the campaign chair, said in a statement. “Working families are beating the odds.”\n\n'
                    || E'Nadia Ostrowski agreed. "Voters are running out of patience."\n\n'
                    || 'On Friday, after days of silence, Galloway appeared with Owen Pryce and endorsed Marsh, saying, “I think a builder is what this city needs.” '
                    'In a long, jailhouse interview last month, Kessler said he welcomed the trial and added, "I''ll take the stand, no problem."');

-- a report is mixed when one quotation in it runs four words or more, also between '' marks;
-- scare-quoted terms, however many, leave it indirect
SELECT n, kind, content, speaker
FROM whosaid.quotes('Galloway said Marsh''s "weak plan" was "badly flawed." '
                    'Mrs. Marsh said the team would ''''start to focus on school funding.''''');

-- anonymous sources keep their mention and have no speaker; a company's spokesman speaks for it.
-- Known gap: the mention of "A senior GOP adviser" loses its "A" ("A top GOP adviser" keeps it)
SELECT n, kind, speaker, speaker_mention, cue
FROM whosaid.quotes('“We will appeal the decision,” a spokesman said. '
                    'A senior GOP adviser said the bill would fail. '
                    '“It is finished,” said one Vermont Democrat. '
                    '“No comment,” said a Facebook spokesman.');

-- a participle's subject is the sentence's, not the object before it; "told X," names the hearer
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Lindgren attacked Ambrose, saying, "He is not ready to govern." '
                    'Pryce did not name his rivals, but told his volunteers, "Our town is in serious trouble."');

-- a split quote ends where the cue's sentence goes on to report something else
SELECT n, kind, content, speaker
FROM whosaid.quotes('"The House races could tighten," analyst Dora Finch wrote, adding that if the party loses, '
                    '"keeping the House would be a long shot." '
                    '"That may not be a popular view," Galloway said. '
                    '"You cannot start that work until you show people" that the budget is balanced, she said.');

-- after a question, "She answered, …" opens the next quote instead of closing the one before
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('The judge asked, "Would you have warned them?" She answered, "I really cannot say."');

-- an apostrophe is not a quotation mark; a year may open a speaker phrase
SELECT n, kind, content, speaker, speaker_mention
FROM whosaid.quotes('"This campaign is changing how people vote," Ruth Okafor, Lewis'' campaign chair, said. '
                    '"He wasn''t pleased," said a 2012 Lewis veteran. "He cut short the briefing."');

-- in a speaker phrase naming several actors, the person speaks (the last, as the head), not a party tag
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('"We have no comment," the FBI''s Dana Whitcomb said. '
                    '"It is settled," said Lena Marsh (D-Calif.). '
                    '"It is done," Denver Alderman Marcus T. Ellery said.');

-- a non-restrictive relative clause reports for the name before it
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('The warning came from Ruth Okafor, who said donors fail to grasp that there are "no shortcuts in local politics."');

-- "As X put it," introduces a quote
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('As The Herald''s Owen Pryce puts it, "House Democrats are not budging."');

-- "by saying" is a cue; "It was …:" introduces a quote but names no speaker
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('She ended the evening by saying, "I will never sing in public again." '
                    'It was a motto in the family: "Never lend money to a cousin."');

-- a relative clause after an inverted speaker is not a new clause; "told X before Y" reports nothing
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('"We have seen a worrying trend," said a Canadian official who was not cleared to speak. '
                    '"Positions are gonna change," Tom Bristow, the chief of staff, told POLITICO before the hearing.');

-- a quoted paragraph in capitals after a quote is a pull quote, not more of it
SELECT n, kind, content, speaker
FROM whosaid.quotes(E'"The jury will decide," Keller said.\n“IN THE END JURIES GET IT RIGHT”\n'
                    '"They usually do," he added.');

-- verbs of manner and phrasal cues report quotes: remarking, mocks, cried out, fired back, will say
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('He thanked the audience, remarking, "Drive home safely, everyone." '
                    '"The system has not let them down," he mocks. "Nooooo!" the fans cried out. '
                    'Keller fired back: "You just play an expert on the radio!" '
                    '"Nothing prepares you for this job," the governor will say.');

-- ... but report no clause without "that" or quoted words
SELECT n, kind, content, cue
FROM whosaid.quotes('The finalists smiled as they walked on stage. Keller fired back with a letter. '
                    'Marsh shouted that the count was wrong. Strikers were chanting "We are Dunmore" and "Fair pay now."');

-- a message that said, "…": the antecedent of "that" is the speaker; "That said," is not a cue
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('The screen showed a notice that said, "This account has been closed by the owner." '
                    'That said, the sale went ahead.');

-- a report in a non-restrictive relative clause ends before the main verb, not at an apposition's comma
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Galloway, who has argued that the count is unfair, won the county by 8 points. '
                    'Lindqvist, who said that Mr. Brückner, under pressure for the delays, would do better to resign, spoke on Friday.');

-- "as X put it" reports the rest of its sentence, on either side; "…," as X put it, is a direct quote
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('As Ms. Varga put it in a letter in June, the council is "offering a service you will not find elsewhere." '
                    'The club is in trouble, as Pryce put it. The club, as Pryce put it, needs money. '
                    '"We are in trouble," as a Treasury memo put it.');

-- a speech noun after a determiner speaks ("the report stated"); a sign "read" its words;
-- "went on" and "remembered" attribute quoted words, "went on to win" does not
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('"The findings add to the pressure," the report stated. '
                    '"In drafting her remarks, the staff took notes," read the statement. '
                    'He held up a sign that read, "Keller will fix the roads." Keller reads the papers every day. '
                    '"You know, it happens," Keller went on. "It was a battle," remembered Agnes Mayhew. '
                    'Marsh went on to win Dover. He remembered the day well.');

-- a report ends after its quoted words when the narrator goes on with a participle or "while"
SELECT n, kind, content, cue
FROM whosaid.quotes('Keller said talks "should be finished by the summer break," referring to the August recess. '
                    'Marsh said she was "about to cost plenty of drivers their jobs," while trying to defend her plan. '
                    'The spokesman said the firm "includes many divisions," including the bank.');

-- a report ends before ", but he …" and before another speaker's clause after a colon;
-- a narrative sentence ends a quote even across a paragraph break
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Pryce said both Marsh and Keller are "lightweights in the chamber," but he gave the Vermonter a compliment. '
                    'Critics said the plan sounded vague: Ruth Okafor called it "the least painful choice." '
                    '"We are going to fix the bridge," Keller added. He later turned to the audience with a question.\n\n'
                    '"Who is paying for all of this?"');

-- "When asked …, X said, “…”" reports what follows the cue; a quote after a colon
-- ends the cue's own clause ("He adds that … two options: “…”")
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'When asked why Marsh went after Keller, Dolan said, "We have two weeks to go" until the primary. '
                    'Haddad adds that young voters have two options: “You either show up or you lose.” '
                    'Asked which town was his favourite, he demurred: “The one with the shortest queue for coffee.”');

-- a quoted sentence after the cue's, with up to 3 words before its mark, goes on with
-- the quote ("Instead, “…”"), but "Pryce: “…”" speaks for himself; a report ends
-- before ", and shared …" when no quotation follows; "grim" of "In grim remarks" is no speaker.
-- Known gap: in "Marsh: "…," she said." after "Keller said", "she" gives Keller, not Marsh
-- (a bare surname of unknown gender before the colon; "Ruth Okafor: …, she said" gives Okafor)
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'“He’s meant to be a champion for this town,” Keller said. Instead, “he just sulks like a sore loser.”\n\n'
                    'Marsh: "Our aim is to cut the deficit," she said. Pryce: "The goal is to end the deficit -- not to trim it."\n\n'
                    'Brandt wrote to his subscribers, “Let us make sure he never sits on the council again,” and shared a map of the ward. '
                    'In grim remarks, Keller called the fire "a blow to our city and our people."');

-- a speaker before a dash-fenced aside, or a name opening the aside; a passive
-- "was quickly dismissed" has no speaker
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes('Mr Brasch - himself a former engineer at rival Renault - said the van was the brand''s "cheapest model it ever built." '
                    'A former mayor -- Nora Feld, who lost in 2014 -- said the governor "offered no answers." '
                    'Pettit — who was seen as a novice — was quickly dismissed by the members as a bungler.');

-- an honorific picks the person of its gender among those sharing a surname,
-- and stays in the mention at a sentence start
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Helen Markovic and David Markovic arrived late. '
                    'Mr. Markovic said the talks had failed. Mrs. Markovic said the dinner went well.');

-- "she" and a woman's title never name a man: not Martin Coyle, nor the man's
-- first name Welsh opening the run "Welsh Health Minister Anna Pryddy"
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Martin Coyle spoke. Coyle said the vote was close. She added that unions were '
                    'ready. Mrs Coyle said the party was fun. '
                    'Welsh Health Minister Anna Pryddy spoke. "We are making progress," she said.');

-- not quotes: scare quotes, titles, page furniture, photo credits
SELECT count(*) AS quotes
FROM whosaid.quotes(E'Vivien Killilea/Getty Images\nshow image\n\n'
                    'Facebook flags so-called “fake news” with a “disputed” tag. '
                    'She watched the film “Gone With The Wind” twice.');

-- substr() over each span gives back the text it names
WITH t(body) AS (VALUES
  ('“We don’t own those platforms,” said Paul Chichester. Officials said that costs would rise.'),
  ('In Zürich, “Grüße aus Köln, an alle,” said Jürgen Groß. Groß said that the prices fell sharply.'))
SELECT left(t.body, 12) AS text, q.n, q.kind,
       substr(t.body, lower(q.speaker_span), upper(q.speaker_span) - lower(q.speaker_span)) = q.speaker_mention AS speaker_ok,
       substr(t.body, lower(q.cue_span), upper(q.cue_span) - lower(q.cue_span)) = q.cue AS cue_ok,
       substr(t.body, lower(q.content_span), upper(q.content_span) - lower(q.content_span)) = q.content AS content_ok
FROM t, whosaid.quotes(t.body) q
ORDER BY t.body COLLATE "C", q.n;

-- the function's properties
SELECT provolatile, proisstrict, proparallel, obj_description(oid, 'pg_proc') IS NOT NULL AS has_comment
FROM pg_proc WHERE oid = 'whosaid.quotes(text)'::regprocedure;
