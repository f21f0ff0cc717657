#!/usr/bin/env bash
# Verbs of speech in a sense that reports nothing, and forms that do report
# (test/fixtures/not_quotes.jsonl, short texts written for whosaid).
# No quotes: a market figure that "added 0.8 per cent" or "declined 35 cents"; "knows how to
# win" / "knows exactly what she needs" (a way, not a claim); how something seems to no one
# ("the plan seemed to lack …", "Nobody seems to know …"); a reduced relative ("The ferry terminal,
# initially expected to open …,"); a refusal ("declined comment", "declined to say why …"); an
# opening adverbial before "X said in a statement"; a relative clause whose subject or object
# is gone ("which the minister said would cost …", "what the coach said about the referee",
# "who they wanted to invite"); a noun ("earnings reports from banks", "no cost estimates as
# yet", "the politically charged term", "the mayor's two big-ticket promises, …", "asked about claims made by", "quit
# over remarks on the budget", "whose
# estimates run from …"); a comparison ("larger than the board says"); a
# charge in law ("charged him with theft"); "that" as the object ("If anyone really believed
# that, …"); a thing's relative clause ("an armed faction that has sworn allegiance"); a name ("A plea deal, also called plea bargaining, …", "A new group called X
# plans …", "a budgeting app called “Ledgerly”"); going on ("The lead …
# continues to grow", "adding to the delays").
# Quotes: "added that …", "added 12 more inspectors would …", "knows that …", "she seemed to
# suggest …", "was quoted as saying …", "The deal, according to two officials, will be signed
# …" (the sentence without its aside), "Ortega, according to the Herald report, turned down
# …", "After the vote, Lee expected to win the seat" (what was expected, not the opener),
# "said that would raise taxes" ("that" its subject), "The agency reports that …", "amid claims that …", "“…” a
# narrator in the ad asks" (a speaker phrase with a prepositional phrase), "charged that …",
# "Jane Ruiz, the mayor, also called the plan …", "The company called the claims false",
# "A rights group called the ruling a disgrace" (no name after "called"),
# "The audit, which says …, will be published" (the relative's report, to its comma),
# "…, Lyons explained from Regina.", "Diaz
# continued to say …" (once), "… and have alleged in their filings that …" (the sentence's
# subject), a sentence or quotation before ", according to X" ("… “dead on
# arrival,” according to two senators"), and a sentence ending in a quoted term before ",
# Morales said", reported whole with the scare-quoted "whiff" before it.
# Each text must give exactly the listed quote contents.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec python3 test/cli/fixture_check.py not_quotes test/fixtures/not_quotes.jsonl content quotes --any-order
