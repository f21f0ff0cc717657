#!/usr/bin/env bash
# Canonical speaker names (test/fixtures/speaker_names.jsonl, short texts written for whosaid):
# a title before a name is no part of it ("Marlow County District Attorney Brian Wright",
# "Detective Sergeant Omar Haddad", "Attorney" tagged apart from "General Maria …", police
# ranks abbreviated "Const." and "Insp.", whose period ends no sentence), but
# "Premier League" keeps its first word and two names joined by "and" stay whole; an acronym
# spelled by the initials of a name in the text is that name ("CBSA" for "Canada Border
# Services Agency", read over commas for "ISED"), but a list of places spells none ("BBC"
# after "Boston, Buffalo and Chicago"); a cue after "and" and a prepositional phrase ("and in
# a carefully worded reply said") has the sentence's subject, but "but on Monday Mayor Rosa
# Kent said" its own; "her statement said", "his message said" are the most salient woman's
# and man's; "the report said" is the writer's of "a study by X" or "X wrote in a recent report",
# but not eight sentences later; a time adjunct or an adverb between the subject and its cue
# ("X on Tuesday said", "last week warned", "has long argued", "have both said") is no speaker,
# nor a place that goes on from the place before its comma ("in Columbus, Ohio,", "of Flint,
# Mich.,", "in Iran, Turkey and France") or the name after "whose company,"; "Pa.," ends no
# sentence; ", and his lawyers argue …" and ", but X argued …" are reports of their own, not
# the end of the clause before; a dateline ("WASHINGTON —", "LYON, March 3 (Reuters) -") is
# nobody, and a participle after it ("…, saying") has the sentence's subject; "according to
# an analysis by X", "a court document filed by X", "a recent post from X" are X's; in "X, a
# senior analyst at Y, who noted" and "X, 24, from Manchester, who said" the relative is X's,
# and "Senator X, Republican of Arizona, said" is X's; the object of a preposition after a role
# speaks for no one ("Sources close to X", "Officials in Winnipeg", "Norway's ambassador to
# Chile", "One aide inside Harlow Tower") and an office is no name ("The Secretary of Defense",
# "The Culture Secretary said", "The Mayor's spokeswoman"), but "a spokeswoman for X" is X's,
# "Secretary of State X" is X's and "Ms Dean" after "Ellen Dean" is hers; "Rather" opening a
# sentence is no person for "he" to take; a description resolves past its modifiers ("the
# lanky, bespectacled professor", "the two-term mayor"), but not past one that makes another
# office ("the vice president"); a colon after a cue and a short phrase ("she said of the
# stadium:") or after a cue joined to the one before ("…, and then predicted:") has that
# cue's speaker. A first name no list knows that the tagger left out
# ("Chidinma" of "Chidinma Okoro") joins "Ms Okoro" to the full name, but not a word the text
# also writes in lower case ("Alongside Okonkwo"); "Labour MP", "Green MSP" and "Pensioner" are
# titles, also when the tagger takes the whole phrase for an organisation; "the carmaker" is the
# company named before; "he" after "Dr Anjali Rao met … Tom Grady" is Tom Grady (a name of
# unknown gender counts half); a party tag ("Rep. Dana Whitlow, D-Ore., said") is no speaker,
# and its period ends the sentence before a capitalised word ("…, D-N.M. Tom Reyes"); "A
# Network Rail spokesman" speaks for Network Rail, though the tagger tags "Rail" alone; a
# group opening a sentence ("Prosecutors said", "Police said": the list group_nouns) has no
# name, even where the tagger made it an organisation; "Transport for the Valleys" is one name
# and "Secretary of the Treasury X" is X; a description's modifier may describe ("the tall,
# lanky, bespectacled professor") but not single out another entity ("the rival company", "the
# prosecution lawyer"), and a two-word role takes the person introduced with both words ("the
# campaign manager"); a person's people ("Relatives of X", "Aides to X"), part of a group ("Half
# of …") and voters in a poll have no name. Each text's quotes, in text order, must have
# exactly the listed speakers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec python3 test/cli/fixture_check.py speaker_names test/fixtures/speaker_names.jsonl speaker speakers
