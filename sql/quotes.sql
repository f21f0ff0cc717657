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
FROM whosaid.quotes(E'“We will win this,” Sanders campaign manager Jeff Weaver said.\n\n'
                    'Speaker Paul Ryan (R-WI) said that the bill would pass.\n\n'
                    'Trump praised Putin, saying that he was a strong leader.\n\n'
                    'Over the years, Ms. Weber said, email has kept her in touch.\n\n'
                    '“Did you know it was Mussolini?” Chuck Todd asked the candidate.');

-- a colon ending the paragraph before the quote; a name and a colon
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'Senator John Bolton said:\n\n'
                    '“In all the administrations I served in, it was like a monastery.”\n\n'
                    'Clinton: “Our goal is not to contain ISIS but to defeat it.”');

-- a lead-in the quoted fragment continues is part of the content: mixed
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Gore tried to distance himself, and in doing so he “made a strategic mistake,” Lichtman said.');

-- a report nested at the end of another is not repeated ("wants" inside "says")
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Hillary Clinton says she wants to expand those standards to hedge funds.');

-- progressive cues; a participle after the closing mark starts a second report
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Donald Trump is insisting that he has “expanded the Republican party,” claiming that he is responsible for higher turnout.');

-- "and later said": the sentence's subject speaks
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('Bill Maher brought up the bombing and later said, “It’s not just Muslims shooting people.”');

-- manner-of-speaking cues; a first name that is also a word ("Will"); a party tag ending in "."
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'“They stole the country,” the man shouted.\n\n'
                    '"It is a pretty expensive model," said Will Doyle, a professor at Vanderbilt University.\n\n'
                    '“There’s tremendous energy in these races,” Rep. Earl Blumenauer (D-Ore.) said.');

-- an adverb before the cue (not "family"); "said, adding" keeps the speaker; a sentence opener is no subject
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes(E'Jabbing her finger, Clinton angrily said, “I am so sick of the lying.”\n\n'
                    '“It has been a total disaster,” Trump said, adding, “Nobody cares.”\n\n'
                    'Instead, George Will called for Republicans to back Chris Christie.\n\n'
                    'His family said that he was innocent.');

-- "he" resolves to a person the tagger found, even without a known first name
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('FBI Director Comey spoke for an hour on Tuesday. “We did our job,” he said.');

-- "… and said" with no earlier speaker: the sentence's subject; an object "X of Y"
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Trump doubled down on his comments about Curiel and said the judge had “an inherent conflict of interest” in the case.\n\n'
                    'Newt Gingrich told Bill O’Reilly of Fox News that “you have to look at it very seriously, of course.”');

-- "…, said X": the clause before the cue is the content, X the speaker (not the clause's last word)
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'The economy is improving, said John Smith, an economist at the bank.\n\n'
                    'The vote signals "the beginning of the end" for the union, said Geert Wilders.');

-- a determiner-led subject before a relative clause keeps its head: "A spokesman", not "the company"
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes('A spokesman for the company, who joined it in March, said the plan had failed.');

-- a cue-less quote later in the paragraph continues the report before it, which becomes mixed;
-- in the next paragraph it is a quote of its own by the same speaker
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Sen. Bob Corker said he and his partners were careful about the deal. “We were meticulous about it, every word.”\n\n'
                    '“Nothing in the bill touches the agreement. It is a separate question entirely.”\n\n'
                    'Sen. Ben Cardin said the bill lacked support among Democrats.\n\n'
                    '“We will keep talking to them about it,” he said later.');

-- after the cue, a second part follows punctuation or ", but"; a term in the narrative is not one
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'"You know, I love Larry," President Barack Obama said, but "when it comes to energy, Larry has a history."\n\n'
                    '"I am all for the Second Amendment," says Jorge Llamas, 31, but he was shocked to hear about the "gun show loophole" that lets some buyers skip checks.');

-- the speaker's aside after the cue ("noting …") does not end the quote; a quote opening a sentence
-- inside a later paragraph, after narrative, continues nothing
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'"That is the big question," Sen. Tom Clark said, noting he would back any of the others. "We have a deep bench here."\n\n'
                    'The campaign has since hired staff in Ohio. "It was never going to be easy in that state."');

-- a quote right after the cue that the sentence goes on from is part of a mixed report;
-- one that ends its sentence is direct
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Sen. Bernie Sanders says “the wind is at our backs” despite his loss in Nevada.\n\n'
                    'Sen. Bernie Sanders said, “The wind is at our backs.”');

-- a report is mixed from 4 quoted words on; a quoted term or two leaves it indirect
SELECT n, kind, content
FROM whosaid.quotes(E'Sen. Bernie Sanders said the party “must open its doors to working people” this year.\n\n'
                    'Sen. Bernie Sanders said the plan was “very serious” and costly.');

-- a left mark glued to the word before and followed by a space closes ("not,“ he said");
-- an age is part of a speaker phrase
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes(E'“Apparently not,“ he said. “A leopard doesn’t change its spots.”\n\n'
                    '“We will keep going,” said the 46-year-old.');

-- a narrative sentence between two quoted stretches ends the first quote; the second has the same speaker
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Hillary Clinton said, "I do take responsibility." She followed that by adding a joke. "I am not a natural politician."');

-- a report inside a direct quote's attribution does not take the speaker's next quoted sentence
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('“We won big tonight,” Donald Trump said, two hours after outlets declared him the victor. “This is a great night for everybody here.”');

-- a quote opened inside a reported clause runs to its closing mark, past the sentence end
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('David Brooks said the tone of the debate “was because they went after Trump. And I think Marco Rubio did well.”');

-- a partitive speaker ("one of those advisers") is anonymous; "went on to say" is a cue;
-- a cue ending in a colon introduces the next quote, not the one before
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes(E'“There won’t be a path for Bernie,” said one of those advisers.\n\n'
                    '“It is going to be close,” Claudia Tenney said. “This is what I am up against.” She went on to say:\n\n'
                    '“None of them will come out and support the nominee.”');

-- "Mic.com." and "the U.S." end a sentence before an opening quote
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes('Teams are in a postmortem, said Jake Horowitz, editor of Mic.com. "You have a sophisticated operation," he said. '
                    'He moved back to the U.S. "I missed home," he said.');

-- a quoted title before "X said" + a clause is not what X said; "but said" starts a second report
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Speaking on Fox News Channel’s “Hannity,” Newt Gingrich said if Donald Trump picked him it would be a “two-pirate ticket.” '
                    'Boreing said the members will still meet for drinks, but said, “It’s time we change how we do it.”');

-- a cue after the quote that reports a clause of its own leaves the quote to the cue before it;
-- a show named after the cue of the quote before is not a quote
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Hillary Clinton, exasperated, responded: "What difference does it make?" Her critics cited it as evidence that she did not care. '
                    '"Of course Bill Clinton is fair game," Carly Fiorina told "Fox and Friends," reminding viewers that he was a president.');

-- clause first: "…, X said Monday.", "…, X said Tuesday in Paris, noting …", "…, said X, a … expert";
-- subjects past "however" and a parenthesis
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Donald Trump is on solid ground, Carly Fiorina said Monday. '
                    'His excesses are sickening, François Hollande said Tuesday in Paris, noting the nominee was a danger. '
                    'A variety of factors impact the cost of college, said Mark Kantrowitz, a student loan expert. '
                    'Ash Carter however said he would welcome China’s participation. '
                    'John Kasich (who has 25 delegates to date) said it is possible for him to win.');

-- a sentence of only subject, cue and tail reports nothing, and introduces the quoted sentence after it;
-- "appeared" is a cue only before "to"/"that"; a participle's subject is found past a comma-fenced opener
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Jeff Weaver, the campaign manager, said in a statement. “Working Americans are beating the machine.”\n\n'
                    || E'Dianne Bystrom agreed. "Republicans are running out of time."\n\n'
                    || 'On Thursday, after weeks of silence, Warren appeared with Rachel Maddow and endorsed Clinton, saying, “I think a fighter is what this country needs.” '
                    'In a wide-ranging, in-prison interview last year, Lazar said he welcomed extradition and added, "I''ll plead guilty, no problem."');

-- a report is mixed when one quotation in it runs four words or more, also between '' marks;
-- scare-quoted terms, however many, leave it indirect
SELECT n, kind, content, speaker
FROM whosaid.quotes('Sanders said Clinton''s "poor judgment" was "clearly lacking." '
                    'Mrs. Clinton said the campaign would ''''begin to focus on national security.''''');

-- anonymous sources keep their mention and have no speaker; a company's spokesman speaks for it
SELECT n, kind, speaker, speaker_mention, cue
FROM whosaid.quotes('“We will appeal the ruling,” a spokesman said. '
                    'A top GOP strategist said the plan would fail. '
                    '“It is over,” said one New Hampshire Democrat. '
                    '“No comment,” said a Facebook spokesman.');

-- a participle's subject is the sentence's, not the object before it; "told X," names the hearer
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Clinton attacked Trump, saying, "He is not fit to lead." '
                    'Carson did not mention his rivals, but told his supporters, "Our nation is in horrible trouble."');

-- a split quote ends where the cue's sentence goes on to report something else
SELECT n, kind, content, speaker
FROM whosaid.quotes('"The Senate races could shift," analyst Charlie Cook wrote, adding that if the GOP loses, '
                    '"holding the Senate would be a long shot." '
                    '"That may not be a majority position," Rubio said. '
                    '"You cannot begin that process until you prove to people" that the border is secure, he said.');

-- after a question, "He answered, …" opens the next quote instead of closing the one before
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('The host asked, "Would you have told her?" He answered, "I have no idea."');

-- an apostrophe is not a quotation mark; a year may open a speaker phrase
SELECT n, kind, content, speaker, speaker_mention
FROM whosaid.quotes('"This campaign is revolutionizing politics," Jeff Weaver, Sanders'' campaign manager, said. '
                    '"She didn''t like that," said a 2008 Clinton veteran. "She cut down the prep time."');

-- in a speaker phrase naming several actors, the person speaks (the last, as the head), not a party tag
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('"We have no comment," the FBI''s James Comey said. '
                    '"It is closed," said Zoe Lofgren (D-Calif.). '
                    '"It is over," Chicago Alderman Jason C. Ervin said.');

-- a non-restrictive relative clause reports for the name before it
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('The warning came from Jeff Weaver, who said executives fail to understand that there are "no secrets in politics."');

-- "As X put it," introduces a quote
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('As The Post''s Dana Milbank puts it, "Senate Republicans are unmoved."');

-- "by saying" is a cue; "It was …:" introduces a quote but names no speaker
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('She followed that by saying, "I am not a natural politician." '
                    'It was a saying in the family: "Never trust a man who owns a boat."');

-- a relative clause after an inverted speaker is not a new clause; "told X before Y" reports nothing
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('"We have seen a growing discourse," said a Mexican official who was not authorized to speak. '
                    '"Positions are gonna soften," Joe Kasper, the chief of staff, told POLITICO before the interview.');

-- a quoted paragraph in capitals after a quote is a pull quote, not more of it
SELECT n, kind, content, speaker
FROM whosaid.quotes(E'"Voters will decide," Obama said.\n“EVENTUALLY VOTERS MAKE GOOD DECISIONS”\n'
                    '"They always do," he added.');

-- verbs of manner and phrasal cues report quotes: remarking, mocks, cried out, fired back, will say
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('He thanked the crowd, remarking, "May the Force be with you." '
                    '"The market has not failed them," he mocks. "Nooooo!" the crowd cried out. '
                    'Fallon fired back: "You just play a contrarian on TV!" '
                    '"Nothing prepares you for the Oval Office," the president will say.');

-- ... but report no clause without "that" or quoted words
SELECT n, kind, content, cue
FROM whosaid.quotes('The winners beamed as they took the stage. Brown fired back with a statement. '
                    'Jones shouted that the vote was rigged. Marchers were chanting "We are Orlando" and "Disarm hate."');

-- a message that said, "…": the antecedent of "that" is the speaker; "That said," is not a cue
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('The page was replaced by a message that said, "The item is no longer in the system." '
                    'That said, the auction went ahead.');

-- a report in a non-restrictive relative clause ends before the main verb, not at an apposition's comma
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes('Sanders, who has argued that the system is rigged, won the state by 10 points. '
                    'Merkel, who said that Mr. Jäger, under fire for the failures, would do better to keep quiet, spoke on Monday.');

-- "as X put it" reports the rest of its sentence, on either side; "…," as X put it, is a direct quote
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('As Ms. Simonyan put it in a statement in July, RT is "providing a perspective you will not get." '
                    'The party is in a hole, as Cornyn put it. The party, as Cornyn put it, needs help. '
                    '"We are in a hole," as a Homeland Security memo put it.');

-- a speech noun after a determiner speaks ("the report stated"); a sign "read" its words;
-- "went on" and "remembered" attribute quoted words, "went on to win" does not
SELECT n, kind, content, speaker_mention, cue
FROM whosaid.quotes('"The changes add to the urgency," the report stated. '
                    '"In writing her speech, the team took notes," read the statement. '
                    'He held up a sign that read, "Trump will build the wall." Trump reads the papers every day. '
                    '"You know, it happens," Trump went on. "It was a fight," remembered Roy Verley. '
                    'Kasich went on to win Ohio. He remembered the day well.');

-- a report ends after its quoted words when the narrator goes on with a participle or "while"
SELECT n, kind, content, cue
FROM whosaid.quotes('Trump said things "should be wrapped up by Cleveland," referring to the July convention. '
                    'Clinton said she was "going to put a lot of coal miners out of business," while trying to explain her plan. '
                    'The spokesman said the firm "includes many parts," including the bank.');

-- a report ends before ", but he …" and before another speaker's clause after a colon;
-- a narrative sentence ends a quote even across a paragraph break
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'Reid said both Rubio and Cruz are "non-entities in the Senate," but he gave the Texan a compliment. '
                    'Supporters said the plan sounded equivocal: Jane Harman called it "the least bad option." '
                    '"We are going to build a wall," Trump added. He then had a question for the crowd.\n\n'
                    '"Who is going to pay for it?"');

-- "When asked …, X said, “…”" reports what follows the cue; a quote after a colon
-- ends the cue's own clause ("He adds that … two choices: “…”")
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'When asked why Cruz went after Trump, Tyler said, "We have three weeks to go" until the caucuses. '
                    'Al-Awlaki adds that American Muslims have two choices: “You either leave or you fight.” '
                    'Asked which county was his favorite, he demurred: “Whichever one I’m in at the moment.”');

-- a quoted sentence after the cue's, with up to 3 words before its mark, goes on with
-- the quote ("Instead, “…”"), but "Bush: “…”" speaks for himself; a report ends
-- before ", and shared …" when no quotation follows; "somber" of "In somber comments" is no speaker
SELECT n, kind, content, speaker, cue
FROM whosaid.quotes(E'“He’s supposed to be a cheerleader for this country,” Trump said. Instead, “he just acts like a defeated man.”\n\n'
                    'Clinton: "Our goal is to defeat ISIS," she said. Bush: "The mission is to destroy ISIS -- not to contain it."\n\n'
                    'Canova wrote to his followers, “It’s time to end her political career for good,” and shared a link to his page. '
                    'In somber comments, Trump called the attack "an attack on our country and our people."');

-- a speaker before a dash-fenced aside, or a name opening the aside; a passive
-- "was quickly dismissed" has no speaker
SELECT n, kind, content, speaker, speaker_mention, cue
FROM whosaid.quotes('Mr Bez - himself a former executive at rival Porsche - said the car was the brand''s "most affordable car ever." '
                    'A former candidate -- John McCain, who lost in 2008 -- said the president "offered no changes." '
                    'Lazio — who was regarded as a lightweight — was quickly dismissed by the voters as a bumbler.');

-- an honorific picks the person of its gender among those sharing a surname,
-- and stays in the mention at a sentence start
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('Sara Netanyahu and Benjamin Netanyahu arrived late. '
                    'Mr. Netanyahu said the talks had failed. Mrs. Netanyahu said the dinner went well.');

-- "she" and a woman's title never name a man: not David Axelrod, nor the man's
-- first name Welsh opening the run "Welsh Health Minister Jane Hutt"
SELECT n, speaker, speaker_mention
FROM whosaid.quotes('David Axelrod spoke. Axelrod said the vote was close. She added that unions were '
                    'ready. Mrs Axelrod said the party was fun. '
                    'Welsh Health Minister Jane Hutt spoke. "We are turning the corner," she said.');

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
