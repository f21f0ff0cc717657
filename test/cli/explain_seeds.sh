#!/usr/bin/env bash
# `whosaid explain` on the seed articles: every quote `whosaid quotes` finds is explained,
# with its kind, speaker and cue as `quotes` gives them, the rule that made it, the steps
# that resolved its speaker, and the rejected stretches; every rule it names is one the
# engine's source defines (so the trace leads a contributor to the code).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
WORK=build/test-cli/explain_seeds
rm -rf "$WORK" && mkdir -p "$WORK"

python3 test/texts.py jsonl test/fixtures/seeds/*.txt >"$WORK/seeds.jsonl"
"$BIN" quotes --model data/whosaid_ner.model <"$WORK/seeds.jsonl" >"$WORK/quotes.jsonl"
"$BIN" explain --model data/whosaid_ner.model <"$WORK/seeds.jsonl" >"$WORK/explain.txt"
grep -rhoE '"(direct|reported|merge|speaker|emit)\.[a-z_+]+"' src/engine | tr -d '"' | sort -u >"$WORK/rules.txt"

python3 - "$WORK/quotes.jsonl" "$WORK/explain.txt" "$WORK/rules.txt" <<'PY'
import json, re, sys
quotes = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
text = open(sys.argv[2], encoding="utf-8").read()
rules = set(open(sys.argv[3]).read().split())
docs = re.split(r"^== ", text, flags=re.M)[1:]
bad = []
if len(docs) != len(quotes):
    sys.exit(f"{len(docs)} documents explained, {len(quotes)} in")
seen = set()
for doc, q in zip(docs, quotes):
    head, _, body = doc.partition("\n")
    if not head.startswith(q["id"] + ": ") or int(head.split(": ")[1].split()[0]) != len(q["quotes"]):
        bad.append(f"{q['id']}: header {head!r}, {len(q['quotes'])} quotes")
    blocks = re.split(r"^quote \d+ ", body.split("\nrejected:\n")[0], flags=re.M)[1:]
    if len(blocks) != len(q["quotes"]):
        bad.append(f"{q['id']}: {len(blocks)} quotes explained, {len(q['quotes'])} found")
    for n, (b, qq) in enumerate(zip(blocks, q["quotes"]), 1):
        lines = b.splitlines()
        where = f"{q['id']} quote {n}"
        if not lines[0].startswith(f"({qq['kind']}, candidate "):
            bad.append(f"{where}: kind, {lines[0][:60]!r} for {qq['kind']}")
        want = f"speaker \"{qq['speaker']}\"" if qq["speaker"] else "speaker unknown"
        if not lines[1].strip().startswith(want) or (qq["cue"] and f"cue \"{qq['cue']}\"" not in lines[1]):
            bad.append(f"{where}: {lines[1].strip()!r}, want {want} and cue {qq['cue']!r}")
        steps = [l.split() for l in lines[2:]]
        if not any(s[0] == "made" for s in steps):
            bad.append(f"{where}: no rule made it")
        if qq["speaker"] and not any(s[0] == "speaker" for s in steps):
            bad.append(f"{where}: no speaker step for {qq['speaker']}")
        for s in steps:
            seen.add(s[1])
    for l in body.split("\nrejected:\n")[1].splitlines() if "\nrejected:\n" in body else []:
        if l.strip() and not l.strip().startswith("candidate"):
            seen.add(l.split()[1])
unknown = sorted(seen - rules)
if unknown:
    bad.append("rules not in src/engine: " + ", ".join(unknown))
# what the seeds exercise: each stage has a say
for want in ("direct.cue_right", "direct.cue_left", "direct.split_quote", "reported.cue_clause",
             "speaker.resolve_pronoun", "speaker.canonical_person", "direct.no_cue"):
    if want not in seen:
        bad.append(f"no {want} on the seeds")
if "rejected:" not in text:
    bad.append("no rejected section")
print("\n".join(bad) or f"ok: {sum(len(q['quotes']) for q in quotes)} quotes explained, {len(seen)} rules seen")
sys.exit(1 if bad else 0)
PY
