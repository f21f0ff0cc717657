#!/usr/bin/env bash
# test/same_output.sh [REV] — is the engine's output unchanged? Runs `build/whosaid quotes`
# and `build/whosaid actors` (with the NER model, as the SQL functions do) and `build/whosaid
# tokens` over PolNeAR train+dev, the 2,225 BBC articles (both from ../shared) and the seed
# fixtures, and compares each output byte for byte with the same run of REV's CLI (default HEAD,
# so uncommitted work is compared with the last commit; or $SAME_OUTPUT_BASE). REV is built
# from a temporary checkout under build/same-output/; its binary and outputs are cached there
# by commit id.
#
# Prints "identical" for each output, or its first differences; exits 0 when all are
# identical, 1 otherwise, 77 (last line says why) without ../shared. A refactoring step
# is behaviour-preserving when this says "identical" on every line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${WHOSAID_SHARED:-../shared}
REV=${1:-${SAME_OUTPUT_BASE:-HEAD}}
W=build/same-output

if [ ! -f "$SHARED/eval/polnear/train.jsonl" ] || ! compgen -G "$SHARED/corpus/bbc/*.txt" >/dev/null; then
	echo "skipped: ../shared not present ($SHARED)"
	exit 77
fi
SHA=$(git rev-parse --verify "$REV^{commit}")
BASE=$W/base-${SHA:0:12}
mkdir -p "$W/inputs" "$W/current" "$BASE"

# Inputs: {"id","text"} lines. PolNeAR and BBC are research-use only: derived files stay
# under build/ (ignored by git).
if [ ! -s "$W/inputs/bbc.jsonl" ]; then
	python3 - "$SHARED/eval/polnear/train.jsonl" "$SHARED/eval/polnear/dev.jsonl" \
		>"$W/inputs/polnear.jsonl" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        print(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False))
PY
	python3 test/texts.py jsonl test/fixtures/seeds/*.txt >"$W/inputs/seeds.jsonl"
	python3 test/texts.py jsonl "$SHARED"/corpus/bbc/*.txt >"$W/inputs/bbc.jsonl"
fi
INPUTS=(polnear seeds bbc)
COMMANDS=(quotes actors tokens)

# run BIN MODEL OUTDIR: every command over every input.
run() {
	local c i
	for c in "${COMMANDS[@]}"; do
		for i in "${INPUTS[@]}"; do
			"$1" "$c" --model "$2" <"$W/inputs/$i.jsonl" >"$3/$i.$c.jsonl"
		done
	done
}

# The baseline: REV's own sources, CLI and model, built once.
if [ ! -f "$BASE/done-${COMMANDS[*]// /-}" ]; then
	rm -rf "$BASE/src"
	mkdir -p "$BASE/src"
	git archive "$SHA" | tar -x -C "$BASE/src"
	echo "building $REV ($SHA) in $BASE/src"
	nice make -s -C "$BASE/src" -j2 build/whosaid </dev/null >"$BASE/build.log" 2>&1 ||
		{ tail -n 30 "$BASE/build.log"; exit 1; }
	run "$BASE/src/build/whosaid" "$BASE/src/data/whosaid_ner.model" "$BASE"
	rm -rf "$BASE/src"
	touch "$BASE/done-${COMMANDS[*]// /-}"
fi

make -s build/whosaid </dev/null >/dev/null
run build/whosaid data/whosaid_ner.model "$W/current"

status=0
for c in "${COMMANDS[@]}"; do
	for i in "${INPUTS[@]}"; do
		f=$i.$c.jsonl
		if cmp -s "$BASE/$f" "$W/current/$f"; then
			echo "$c $i: identical ($(wc -l <"$W/current/$f") documents, vs ${SHA:0:7})"
		else
			status=1
			echo "$c $i: DIFFERENT from ${SHA:0:7}"
			python3 - "$BASE/$f" "$W/current/$f" <<'PY'
import json, sys
old = open(sys.argv[1], encoding="utf-8").read().splitlines()
new = open(sys.argv[2], encoding="utf-8").read().splitlines()
if len(old) != len(new):
    print(f"    {len(old)} documents before, {len(new)} after")
shown = 0
for a, b in zip(old, new):
    if a == b:
        continue
    k = next(k for k in range(min(len(a), len(b)) + 1) if k == min(len(a), len(b)) or a[k] != b[k])
    print(f"    {json.loads(a).get('id')}: at byte {k}")
    print(f"      before: ...{a[max(0, k - 80):k + 120]}")
    print(f"      after:  ...{b[max(0, k - 80):k + 120]}")
    shown += 1
    if shown == 3:
        break
PY
		fi
	done
done
exit $status
