#!/usr/bin/env python3
"""Run `whosaid quotes` on a fixture of short texts and compare, text by text.

usage: fixture_check.py NAME GOLD.jsonl FIELD GOLD_KEY [--any-order]

Runs $WHOSAID_BIN (default build/whosaid) with data/whosaid_ner.model on GOLD's {"id","text"}
lines, from the repository root. For each GOLD line, the values of FIELD ("content",
"speaker") of its quotes, in text order (in any order with --any-order), must equal the
line's list GOLD_KEY. Prints each text that differs and `NAME: right/total right`; exits 1
if any differs.
"""
import json
import os
import subprocess
import sys


def main():
    name, gold_path, field, key = sys.argv[1:5]
    any_order = "--any-order" in sys.argv[5:]
    binary = os.environ.get("WHOSAID_BIN", "build/whosaid")
    with open(gold_path, encoding="utf-8") as f:
        out = subprocess.run([binary, "quotes", "--model", "data/whosaid_ner.model"], stdin=f,
                             capture_output=True, text=True, check=True).stdout
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8")]
    pred = {d["id"]: [q[field] for q in d.get("quotes", [])] for d in map(json.loads, out.splitlines())}
    bad = 0
    for d in gold:
        got, want = pred.get(d["id"], []), d[key]
        if (sorted(got) != sorted(want)) if any_order else (got != want):
            bad += 1
            print(f"{d['id']}: expected {want}, got {got}")
    print(f"{name}: {len(gold) - bad}/{len(gold)} right")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
