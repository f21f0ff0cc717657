#!/usr/bin/env bash
# Speaker mentions (test/fixtures/speaker_mentions.jsonl, short texts written for whosaid): the
# words a quote's speaker span covers when the speaker has no name. A participle after "those"
# is in the phrase ("Most of those questioned"), a time adjunct is not ("This week opposition
# politicians", "The union last week said", "have long argued"), and a place going on after a
# comma leaves the phrase before its preposition ("a farmer in Ames, Iowa, told"); "I've" is a
# pronoun, and "Last week's chart" keeps its time; a role keeps its preposition's object ("The
# head of the union", "Sources close to X", "Sources familiar with the talks", "People close
# to X") and a verb after the head noun is no part of the
# phrase ("The mayor followed that by saying"); a relative clause's report is its document's
# ("a report in the Harbour Herald … that, citing …, alleged", "a report that said"), but
# "A statement from her office said" is the office's; a role before a comma ends the phrase
# ("said the mayor, senior officials confirmed"), which "the lanky, bespectacled professor" does not. Each text's
# quotes, in text order, must have exactly the listed speaker_mention values.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec python3 test/cli/fixture_check.py speaker_mentions test/fixtures/speaker_mentions.jsonl speaker_mention mentions
