#!/usr/bin/env bash
# An engine failure reaches the caller: when ICU's word break iterator cannot be opened,
# the CLI says so on stderr and exits 1 instead of printing empty results (the extension
# raises an ERROR through the same hook). The word-class table, which could once fail to
# be allocated, is now built at build time (tools/gen_tables.c).
# WHOSAID_TEST_FAULT makes the engine simulate the failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
WORK=build/test-cli/engine_errors
rm -rf "$WORK" && mkdir -p "$WORK"
status=0

printf '%s\n' '{"id":"a","text":"\u201cWe will win,\u201d said Jane Smith."}' >"$WORK/in.jsonl"

# expect FAULT COMMAND EXIT STDERR-PATTERN
expect() {
	local rc=0
	WHOSAID_TEST_FAULT=$1 "$BIN" "$2" <"$WORK/in.jsonl" >"$WORK/out" 2>"$WORK/err" || rc=$?
	if [ "$rc" -ne "$3" ] || { [ -n "$4" ] && ! grep -q -- "$4" "$WORK/err"; }; then
		echo "BAD fault '$1', $2: exit $rc (want $3), stderr: $(head -c 300 "$WORK/err")"
		status=1
	elif [ "$rc" -ne 0 ] && [ -s "$WORK/out" ]; then
		echo "BAD fault '$1', $2: exit $rc but output: $(head -c 300 "$WORK/out")"
		status=1
	else
		echo "ok  fault '$1', $2: exit $rc $(head -n 1 "$WORK/err")"
	fi
}

expect "" quotes 0 ""
grep -q '"speaker":"Jane Smith"' "$WORK/out" || { echo "BAD no fault: no quote by Jane Smith"; status=1; }
expect break_iterator quotes 1 "word break iterator"
expect break_iterator actors 1 "word break iterator"
expect no_such_fault quotes 2 "unknown WHOSAID_TEST_FAULT"
exit $status
