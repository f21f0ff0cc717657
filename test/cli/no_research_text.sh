#!/usr/bin/env bash
# No committed file holds text copied from research-use-only data: every git-tracked file
# is checked for a run of 8 words it shares with the PolNeAR and GenderGapTracker texts,
# the BBC corpus and the CoNLL-2003 and GUM tokens in ../shared (test/cli/no_research_text.py:
# which files and words, and what it skips). Prints each file with its runs and their
# sources. Needs ../shared and a git checkout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SHARED=${WHOSAID_SHARED:-../shared}

if ! compgen -G "$SHARED/eval/polnear/*.jsonl" >/dev/null &&
	! compgen -G "$SHARED/eval/ggt/*.jsonl" >/dev/null &&
	! compgen -G "$SHARED/corpus/bbc/*.txt" >/dev/null &&
	! compgen -G "$SHARED/ner/conll2003/eng.*" >/dev/null; then
	echo "skipped: ../shared not present ($SHARED has no research texts)"
	exit 77
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "skipped: not a git checkout (the files to check are the git-tracked ones)"
	exit 77
fi
if ! python3 test/cli/no_research_text.py --words 8 --shared "$SHARED"; then
	echo "FAIL: the files above share runs of 8 words with research-use-only texts in $SHARED;"
	echo "      rewrite them as invented text (the rule: test/README.md)"
	exit 1
fi
echo "no_research_text: no git-tracked file shares a run of 8 words with the research texts"
