#!/usr/bin/env bash
# Canonical speaker names (test/fixtures/speaker_names.jsonl, short texts written for whosaid):
# a title before a name is no part of it ("Marlow County District Attorney Brian Wright",
# "Detective Sergeant Omar Haddad", "Attorney" tagged apart from "General Maria …"), but
# "Premier League" keeps its first word and two names joined by "and" stay whole; an acronym
# spelled by the initials of a name in the text is that name ("CBSA" for "Canada Border
# Services Agency", read over commas for "ISED"), but a list of places spells none ("BBC"
# after "Boston, Buffalo and Chicago"); a cue after "and" and a prepositional phrase ("and in
# a carefully worded reply said") has the sentence's subject, but "but on Monday Mayor Rosa
# Kent said" its own; "her statement said", "his message said" are the most salient woman's
# and man's; "the report said" is the writer's of "a study by X" or "X wrote in a recent report",
# but not eight sentences later. Each text's quotes, in text order, must have exactly the listed
# speakers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
WORK=build/test-cli/speaker_names
rm -rf "$WORK" && mkdir -p "$WORK"
GOLD=test/fixtures/speaker_names.jsonl

"$BIN" quotes --model data/whosaid_ner.model <"$GOLD" >"$WORK/pred.jsonl"
python3 - "$GOLD" "$WORK/pred.jsonl" <<'PY'
import json, sys
gold = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
pred = {d["id"]: [q["speaker"] for q in d.get("quotes", [])] for d in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
bad = 0
for d in gold:
    got = pred.get(d["id"], [])
    if got != d["speakers"]:
        bad += 1
        print(f"{d['id']}: expected {d['speakers']}, got {got}")
print(f"speaker_names: {len(gold) - bad}/{len(gold)} right")
sys.exit(1 if bad else 0)
PY
