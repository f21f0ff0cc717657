#!/usr/bin/env bash
# test/eval.sh — `make eval`: accuracy of `build/whosaid quotes` on PolNeAR (dev, or train
# with EVAL_SPLIT=train) and on the annotated seed articles, scored by ../shared's scorer,
# then a per-quote check of the seeds and the news patterns set. PolNeAR is research-use
# only: it is read from ../shared at run time and everything derived from it stays under
# build/eval/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${WHOSAID_SHARED:-../shared}
SPLIT=${EVAL_SPLIT:-dev}
BIN=${WHOSAID_BIN:-build/whosaid}
W=build/eval

if [ ! -d "$SHARED/eval" ]; then
	echo "skipped: ../shared not present"
	exit 0
fi
POLNEAR=$SHARED/eval/polnear/$SPLIT.jsonl
SEEDS=$SHARED/seeds/gold.jsonl
SCORE=$SHARED/eval/score_quotes.py
[ -f "$POLNEAR" ] || { echo "eval: no $POLNEAR (EVAL_SPLIT is dev or train)" >&2; exit 1; }

[ -n "${WHOSAID_BIN:-}" ] || make -s "$BIN" </dev/null
mkdir -p "$W"

# The CLI reads {"id","text"}; the seeds' gold names a text file beside it instead.
python3 - "$POLNEAR" "$SEEDS" "$W/polnear.in.jsonl" "$W/seeds.in.jsonl" <<'PY'
import json, os, sys
polnear, seeds, polnear_in, seeds_in = sys.argv[1:]
with open(polnear_in, "w", encoding="utf-8") as out:
    for line in open(polnear, encoding="utf-8"):
        d = json.loads(line)
        out.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
with open(seeds_in, "w", encoding="utf-8") as out:
    for line in open(seeds, encoding="utf-8"):
        d = json.loads(line)
        path = os.path.join(os.path.dirname(seeds), d["file"])
        text = open(path, encoding="utf-8", newline="").read()
        out.write(json.dumps({"id": d["id"], "text": text}, ensure_ascii=False) + "\n")
PY

# GenderGapTracker's canonical-speaker set (two outlets of seven; the rest is held out).
GGT=$SHARED/eval/ggt/dev.jsonl
if [ -f "$GGT" ]; then
	python3 -c 'import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False))' <"$GGT" >"$W/ggt.in.jsonl"
fi

# The extension's quotes() runs with the tagger; so does the evaluation.
MODEL_ARGS=()
[ -f data/whosaid_ner.model ] && MODEL_ARGS=(--model data/whosaid_ner.model)

# Runs the CLI on $1.in.jsonl into $1.pred.jsonl and says how long it took.
predict() {
	local start ms
	start=$(date +%s%N)
	"$BIN" quotes "${MODEL_ARGS[@]}" <"$W/$1.in.jsonl" >"$W/$1.pred.jsonl"
	ms=$((($(date +%s%N) - start) / 1000000))
	echo "($(wc -l <"$W/$1.in.jsonl") articles, $(wc -l <"$W/$1.pred.jsonl") predictions, $ms ms)"
}

# score LABEL GOLD NAME: the scorer's lines for all kinds, then for direct+mixed.
score() {
	echo "== $1, all kinds"
	python3 "$SCORE" "$2" "$W/$3.pred.jsonl"
	echo "== $1, direct+mixed"
	python3 "$SCORE" "$2" "$W/$3.pred.jsonl" --types direct,mixed
}

echo "whosaid quotes on PolNeAR $SPLIT $(predict polnear)"
echo "whosaid quotes on the seeds $(predict seeds)"
[ ! -f "$GGT" ] || echo "whosaid quotes on GGT dev $(predict ggt)"
echo
score "PolNeAR $SPLIT" "$POLNEAR" polnear
echo
score "seeds" "$SEEDS" seeds
if [ -f "$GGT" ]; then
	echo
	echo "== GGT dev (CTV News, National Post): quotes and canonical speakers"
	python3 "$SHARED/eval/score_speakers.py" "$GGT" "$W/ggt.pred.jsonl"
	# GenderGapTracker annotates each stretch of a split quote as a quote ("X," Y said. "Z."
	# is two), PolNeAR one attribution with fragments: the same output, each part a quote.
	python3 -c 'import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(json.dumps({"id": d["id"], "quotes": [dict(q, content_start=b, content_end=e)
                                                for q in d["quotes"] for b, e in q["parts"]]}))' \
		<"$W/ggt.pred.jsonl" >"$W/ggt.parts.pred.jsonl"
	python3 "$SHARED/eval/score_speakers.py" "$GGT" "$W/ggt.parts.pred.jsonl" | sed -n 's/^ggt30   /ggt30 per part/p'
fi

# Per-quote look at the seeds: what was missed, which got the wrong speaker or kind, what
# came out that is not a quote (gold not_quotes, or anything matching no gold quote).
echo
echo "== seeds check (IoU >= 0.5, one-to-one)"
python3 - "$SEEDS" "$W/seeds.in.jsonl" "$W/seeds.pred.jsonl" <<'PY'
import json, re, sys

gold = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
texts = {d["id"]: d["text"] for d in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
preds = {d["id"]: d.get("quotes", []) for d in map(json.loads, open(sys.argv[3], encoding="utf-8"))}
P = ' \t\n.,;:!?"\u201c\u201d\''  # trimmed before comparing spans, as the scorer does


def trim(t, s, e):
    while s < e and t[s] in P:
        s += 1
    while e > s and t[e - 1] in P:
        e -= 1
    return s, e


def iou(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(1, max(a[1], b[1]) - min(a[0], b[0]))


def norm(x):
    return " ".join(re.findall(r"\w+", (x or "").lower()))


def speaker_ok(g, p):  # the scorer's rule
    if g.get("speaker_start") is None and p.get("speaker_start") is None and not p.get("speaker"):
        return True
    if g.get("speaker_start") is not None and p.get("speaker_start") is not None and \
            min(g["speaker_end"], p["speaker_end"]) > max(g["speaker_start"], p["speaker_start"]):
        return True
    return bool(g.get("speaker")) and norm(g.get("speaker")) == norm(p.get("speaker"))


def short(t, s, e, n=60):
    x = " ".join(t[s:e].split())
    return x if len(x) <= n else x[: n - 1] + "\u2026"


def occurrences(t, s):
    i = t.find(s)
    while i >= 0:
        yield (i, i + len(s))
        i = t.find(s, i + 1)


n_gold = n_found = n_speaker = n_kind = n_not = n_extra = 0
for d in gold:
    t, did = texts[d["id"]], d["id"]
    pq = preds.get(did, [])
    pspan = [trim(t, p["content_start"], p["content_end"]) for p in pq]
    used = set()
    for g in d["quotes"]:
        n_gold += 1
        gs = trim(t, g["content_start"], g["content_end"])
        j = next((j for j in range(len(pq)) if j not in used and iou(gs, pspan[j]) >= 0.5), None)
        what = f'{did[:3]} {g["kind"]:8} "{short(t, *gs)}" ({g.get("speaker")})'
        if j is None:
            print("MISSED       ", what)
            continue
        used.add(j)
        n_found += 1
        if speaker_ok(g, pq[j]):
            n_speaker += 1
        else:
            print("WRONG SPEAKER", what, "-> got", repr(pq[j].get("speaker")))
        if pq[j].get("kind") == g["kind"]:
            n_kind += 1
        else:
            print("WRONG KIND   ", what, "-> got", pq[j].get("kind"))
    for nq in d.get("not_quotes", []):
        lenient = "either way" in nq.get("why", "")
        for span in occurrences(t, nq["text"]):
            for j, p in enumerate(pq):
                ps = pspan[j]
                as_content = j not in used and min(ps[1], span[1]) > max(ps[0], span[0])
                sp = (p.get("speaker_start"), p.get("speaker_end"))
                as_speaker = sp[0] is not None and min(sp[1], span[1]) > max(sp[0], span[0])
                if as_content or as_speaker:
                    n_not += not lenient
                    used.add(j)
                    print("NOT A QUOTE  " if not lenient else "NOT A QUOTE (acceptable)",
                          f'{did[:3]} "{nq["text"]}" as {"content" if as_content else "speaker"}:',
                          f'"{short(t, *ps)}" ({p.get("speaker")})')
    for j, p in enumerate(pq):
        if j not in used:
            n_extra += 1
            print("EXTRA        ", f'{did[:3]} {p.get("kind", "?"):8} "{short(t, *pspan[j])}" ({p.get("speaker")})')

print(f"seeds check: {n_found}/{n_gold} gold quotes found, {n_speaker}/{n_gold} with the right speaker, "
      f"{n_kind}/{n_gold} of the right kind, "
      f"{n_not} not-quotes extracted, {n_extra} extra predictions")
PY

# The news patterns set (test/fixtures/patterns.jsonl, test/cli/patterns.sh): texts right.
echo
echo "== news patterns (test/fixtures/patterns.jsonl)"
WHOSAID_BIN=$BIN bash test/cli/patterns.sh | grep -E '^(by family|patterns):' || true
echo "== blind news patterns (test/fixtures/patterns_blind.jsonl, written before whosaid ran on it)"
WHOSAID_BIN=$BIN PATTERNS_FILE=test/fixtures/patterns_blind.jsonl bash test/cli/patterns.sh |
	grep -E '^(by family|patterns):' | sed 's/^patterns:/patterns_blind:/' || true

# Actors: CoNLL-2003 testa through the engine, and the seeds' actors (test/eval_actors.sh).
echo
bash test/eval_actors.sh
