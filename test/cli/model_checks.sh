#!/usr/bin/env bash
# The tagger model is checked before use. A new backend's load reads only the header and the
# size (the weights' checksum read all 4.7 MB, most of its first call: docs/performance.md);
# the weights are verified once where that is cheap: the CLI on loading (here), the
# postmaster when preloaded and whosaid.model_info() (docs/actors.md). This runs the CLI on
# copies of data/whosaid_ner.model: intact, one weight byte changed, truncated, not a model.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
MODEL=data/whosaid_ner.model
WORK=build/test-cli/model_checks
rm -rf "$WORK" && mkdir -p "$WORK"
status=0

printf '%s\n' '{"id":"a","text":"\u201cWe will win,\u201d said Jane Smith."}' >"$WORK/in.jsonl"
cp "$MODEL" "$WORK/intact.model"
cp "$MODEL" "$WORK/damaged.model"
# one byte in the middle of the weights, far from the 64-byte header
printf '\x5a' | dd of="$WORK/damaged.model" bs=1 seek=3000000 conv=notrunc status=none
cmp -s "$MODEL" "$WORK/damaged.model" && { echo "BAD the damaged copy equals the model"; exit 1; }
head -c 4000000 "$MODEL" >"$WORK/truncated.model"
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:%064d\nsize 4718656\n' 0 >"$WORK/pointer.model"

# expect MODEL EXIT STDERR-PATTERN
expect() {
	local rc=0
	"$BIN" quotes --model "$WORK/$1" <"$WORK/in.jsonl" >"$WORK/out" 2>"$WORK/err" || rc=$?
	if [ "$rc" -ne "$2" ] || { [ -n "$3" ] && ! grep -q -- "$3" "$WORK/err"; }; then
		echo "BAD $1: exit $rc (want $2), stderr: $(head -c 300 "$WORK/err")"
		status=1
	else
		echo "ok  $1: exit $rc $(head -n 1 "$WORK/err")"
	fi
}

expect intact.model 0 ""
grep -q '"speaker":"Jane Smith"' "$WORK/out" || { echo "BAD intact model: no quote by Jane Smith"; status=1; }
expect damaged.model 1 "is damaged (checksum mismatch)"
expect truncated.model 1 "is truncated or damaged"
expect pointer.model 1 "is not a whosaid tagger model"
exit $status
