#!/usr/bin/env bash
# The CLI keeps its contract: `whosaid quotes` reads JSONL {"id","text"} and writes one
# {"id","quotes":[...]} line per input with code-point offsets, on the seed articles and
# on plain, astral-plane and hostile input, without crashing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
WORK=build/test-cli/quotes_contract
rm -rf "$WORK" && mkdir -p "$WORK"
status=0

if [ ! -x "$BIN" ]; then
	echo "no CLI at $BIN (make build/whosaid)"
	exit 1
fi

echo "-- seeds: contract, and at least one quote per article"
python3 test/texts.py jsonl test/fixtures/seeds/*.txt >"$WORK/seeds.jsonl"
"$BIN" quotes <"$WORK/seeds.jsonl" >"$WORK/seeds.out"
python3 test/cli/check_output.py "$WORK/seeds.jsonl" "$WORK/seeds.out" || status=1
python3 - "$WORK/seeds.out" <<'PY' || status=1
import json, sys
empty = [d["id"] for d in map(json.loads, open(sys.argv[1])) if not d.get("quotes")]
if empty:
    sys.exit("no quotes found in: " + ", ".join(empty))
PY

# Offsets count code points: an emoji is one, not two (UTF-16) or four (bytes).
echo "-- offsets are code points"
python3 - "$WORK/plain.jsonl" <<'PY'
import json, sys
docs = {
    "ascii": '"We will win," said Jane Smith.',
    "curly": "\u201cWe will win,\u201d said Jane Smith.",
    "astral": "\U0001F600\U0001F600 \u00e9t\u00e9. \u201cWe will win,\u201d said Jane Smith.",
}
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for k, v in docs.items():
        f.write(json.dumps({"id": k, "text": v}) + "\n")
PY
"$BIN" quotes <"$WORK/plain.jsonl" >"$WORK/plain.out"
python3 test/cli/check_output.py "$WORK/plain.jsonl" "$WORK/plain.out" || status=1
python3 - "$WORK/plain.jsonl" "$WORK/plain.out" <<'PY' || status=1
import json, sys
texts = {d["id"]: d["text"] for d in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
bad = 0
for out in map(json.loads, open(sys.argv[2], encoding="utf-8")):
    t = texts[out["id"]]
    got = [(q["kind"], t[q["content_start"]:q["content_end"]],
            q.get("speaker_start") is not None and t[q["speaker_start"]:q["speaker_end"]])
           for q in out["quotes"]]
    ok = any("We will win" in c and s and "Smith" in s for _, c, s in got)
    print(("ok  " if ok else "BAD ") + out["id"], got)
    bad += not ok
sys.exit(bad)
PY

# Hostile input: each line on its own, so a crash names its input.
echo "-- hostile input does not crash"
python3 - "$WORK" <<'PY'
import json, sys
cases = {
    "empty": "", "spaces": " \n\n \t ", "one_mark": '"', "curly_marks": "\u201d \u201d \u201c \u201c",
    "nul": "a\u0000b \u201cx\u0000y,\u201d she said.", "lone_surrogate": "\ud800 \u201chi,\u201d he said.",
    "unterminated": "\u201cThis never ends " * 2000, "nested": "\u201c\u2018" * 5000 + "said",
    "long_word": "x" * 200000, "many_quotes": '"a," he said. ' * 20000,
    "said_only": "said " * 50000, "bidi_controls": "\u202e\u201cabc,\u201d \u200bsaid \u2066Bob\u2069.",
}
for k, v in cases.items():
    with open(f"{sys.argv[1]}/hostile_{k}.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": k, "text": v}) + "\n")
PY
for f in "$WORK"/hostile_*.jsonl; do
	name=$(basename "$f" .jsonl)
	rc=0
	timeout 20 "$BIN" quotes <"$f" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
	lines=$(wc -l <"$WORK/$name.out")
	if [ "$rc" -ge 124 ]; then
		echo "BAD $name: exit $rc (crash or timeout) $(head -c 300 "$WORK/$name.err")"
		status=1
	elif [ "$rc" -eq 0 ] && [ "$lines" -ne 1 ]; then
		echo "BAD $name: exit 0 but $lines output lines"
		status=1
	else
		echo "ok  $name (exit $rc)"
	fi
done

# The linear-time checks are in test/slow/linearity.sh (make check-slow).
exit $status
