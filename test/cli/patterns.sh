#!/usr/bin/env bash
# The news patterns set (test/fixtures/patterns.jsonl, short texts written for whosaid, not
# taken from any corpus): inverted cues with two people named, a description followed by the
# name in apposition, pronouns after two people of different gender, British single quotes,
# and speaker phrase heads, column labels, bylines and refusals to comment. A text is right
# when each gold quote is found (a prediction covers more than 30 % of its characters; one
# prediction may cover two gold quotes, as whosaid reports a split quote as one: the 'joined30'
# rule of score_speakers.py) with the gold canonical speaker (the same words, or none for a
# description), and every prediction covers a gold quote. Prints `patterns: N/M right` (make eval
# shows it too) and fails below PATTERNS_MIN. PATTERNS_FILE scores another set of the same
# format (test/fixtures/patterns_blind.jsonl: test/cli/patterns_blind.sh); a gold quote whose
# offsets do not cover its content fails the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
MIN=${PATTERNS_MIN:-43}
GOLD=${PATTERNS_FILE:-test/fixtures/patterns.jsonl}
WORK=build/test-cli/$(basename "$GOLD" .jsonl)
rm -rf "$WORK" && mkdir -p "$WORK"

python3 -c 'import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False))' <"$GOLD" >"$WORK/in.jsonl"
"$BIN" quotes --model data/whosaid_ner.model <"$WORK/in.jsonl" >"$WORK/pred.jsonl"

python3 - "$GOLD" "$WORK/pred.jsonl" "$MIN" <<'PY'
import collections, json, re, sys

gold = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
pred = {d["id"]: d.get("quotes", []) for d in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
least = int(sys.argv[3])
for d in gold:  # offsets are code points and must cover the content
    for g in d["quotes"]:
        if d["text"][g["content_start"]:g["content_end"]] != g["content"]:
            sys.exit(f'{d["id"]}: offsets {g["content_start"]}-{g["content_end"]} do not cover "{g["content"]}"')


def words(s):
    return re.findall(r"\w+", (s or "").lower())


right, by_family = 0, collections.defaultdict(lambda: [0, 0])
for d in gold:
    preds, used, why = pred.get(d["id"], []), set(), []
    for g in d["quotes"]:
        glen = max(1, g["content_end"] - g["content_start"])
        cover = lambda p: max(0, min(g["content_end"], p["content_end"]) -
                              max(g["content_start"], p["content_start"])) / glen
        best = max(range(len(preds)), key=lambda j: cover(preds[j]), default=None)
        if best is None or cover(preds[best]) <= 0.3:
            why.append(f'missed "{g["content"]}"')
            continue
        used.add(best)
        if words(preds[best].get("speaker")) != words(g["speaker"]):
            why.append(f'"{g["content"]}" by {preds[best].get("speaker")!r}, not {g["speaker"]!r}')
    for p in (p for j, p in enumerate(preds) if j not in used):
        why.append(f'not a quote: "{d["text"][p["content_start"]:p["content_end"]]}" ({p.get("speaker")!r})')
    by_family[d["family"]][1] += 1
    if why:
        print(f'WRONG {d["id"]}: ' + "; ".join(why))
    else:
        right += 1
        by_family[d["family"]][0] += 1
print("by family: " + ", ".join(f"{f} {r}/{n}" for f, (r, n) in by_family.items()))
print(f"patterns: {right}/{len(gold)} right")
if right < least:
    sys.exit(f"fewer than {least} right")
PY
