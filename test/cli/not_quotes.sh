#!/usr/bin/env bash
# Verbs of speech in a sense that reports nothing, and forms that do report
# (test/fixtures/not_quotes.jsonl, short texts written for whosaid): a market figure that
# "added 0.8 per cent" or "declined 35 cents", "knows how to win" / "knows exactly what she
# needs" (knowing a way, not a claim), how something seems to no one ("the plan seemed to lack
# …", "Nobody seems to know …"), a reduced relative ("The arena, initially expected to open …,")
# and a refusal ("declined comment") are no quotes; "added that …", "added 12 more inspectors
# would …", "knows that …", "she seemed to suggest …", "was quoted as saying …" and "The deal,
# according to two officials, will be signed …" (the sentence without its aside) are.
# Each text must give exactly the listed quote contents.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec python3 test/cli/fixture_check.py not_quotes test/fixtures/not_quotes.jsonl content quotes --any-order
