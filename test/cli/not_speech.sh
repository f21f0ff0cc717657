#!/usr/bin/env bash
# Speech verbs in a sense that says nothing, and the same verbs reporting
# (test/fixtures/not_speech.jsonl, short texts written for whosaid).
# No quotes: a noun after "and" and a modifier ("and high hopes to reach", "and phone
# calls over"), having something ("the scooter boasts a modest price", "boasts three
# other top-five finishes"), agreeing to something ("agreed to more talks", "agreed to
# any terms"), a phone call ("called 911,"), and a passive shared over "and"
# ("were awarded and reported,", "were mocked and criticized in the school paper"), and what
# someone covers ("who writes extensively about opera").
# Quotes: "boasted that …", "boasted about …", "agreed to meet …" (an infinitive), "and
# made comments about …" (a verb before the noun), "who wrote about the visit" (one act),
# and an active cue after "and" with a clause of its own ("and the chair later denied that …").
# Each text must give exactly the listed quote contents.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec python3 test/cli/fixture_check.py not_speech test/fixtures/not_speech.jsonl content quotes --any-order
