#!/usr/bin/env bash
# src/engine/lexicon_data.c is what tools/gen_lexicons.sh makes of data/lexicons: the
# compiled-in word lists are the ones in the data files. In a git checkout whose lists and
# generator are as committed, the committed lexicon_data.c must be current too (the build
# may have regenerated the working copy).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=build/test-cli/lexicon_data_current
FILE=src/engine/lexicon_data.c
mkdir -p "$WORK"
bash tools/gen_lexicons.sh "$WORK/lexicon_data.c"
status=0
if ! cmp -s "$WORK/lexicon_data.c" "$FILE"; then
	echo "STALE $FILE: it differs from what data/lexicons makes; run 'make lexicons'"
	diff "$FILE" "$WORK/lexicon_data.c" | head -n 20
	status=1
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
	git cat-file -e "HEAD:$FILE" 2>/dev/null &&
	git diff --quiet HEAD -- data/lexicons tools/gen_lexicons.sh; then
	if ! git show "HEAD:$FILE" | cmp -s - "$WORK/lexicon_data.c"; then
		echo "STALE committed $FILE: data/lexicons as committed makes another; run 'make lexicons' and commit it"
		git show "HEAD:$FILE" | diff - "$WORK/lexicon_data.c" | head -n 20
		status=1
	fi
fi
[ "$status" -ne 0 ] || echo "ok $FILE is current"
exit $status
