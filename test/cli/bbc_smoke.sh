#!/usr/bin/env bash
# The CLI gets through all 2,225 BBC articles (real text, straight quotes) within the
# contract. Needs ../shared; the corpus is research-use only, so it is read in place and
# the generated JSONL stays under build/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
BBC=${WHOSAID_SHARED:-../shared}/corpus/bbc
WORK=build/test-cli/bbc_smoke

if ! compgen -G "$BBC/*.txt" >/dev/null; then
	echo "skipped: ../shared not present ($BBC)"
	exit 77
fi
mkdir -p "$WORK"
python3 test/texts.py jsonl "$BBC"/*.txt >"$WORK/bbc.jsonl"
start=$(date +%s%N)
"$BIN" quotes <"$WORK/bbc.jsonl" >"$WORK/bbc.out"
ms=$((($(date +%s%N) - start) / 1000000))
echo "whosaid quotes: $(wc -l <"$WORK/bbc.jsonl") articles in $ms ms"
python3 test/cli/check_output.py "$WORK/bbc.jsonl" "$WORK/bbc.out"
