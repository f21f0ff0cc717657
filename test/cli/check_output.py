#!/usr/bin/env python3
"""Check `whosaid quotes` output against its contract (README, test/README.md).

usage: check_output.py IN.jsonl OUT.jsonl

One output line per input line, same ids in the same order; every quote has a known
kind and 0-based, end-exclusive code-point spans inside the text (speaker and cue may
be null), and its parts (the stretches of a split quote) run in order, without overlap, from
content_start to content_end. Prints one line per problem (at most 20) and exits 1 if there were any.
"""
import json
import sys

KINDS = {"direct", "mixed", "indirect"}


def spans_ok(q, name, n, required):
    s, e = q.get(name + "_start"), q.get(name + "_end")
    if s is None and e is None:
        return not required
    return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n


def parts_ok(q):
    parts = q.get("parts")
    if not isinstance(parts, list) or not parts:
        return False
    if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) for x in p) and p[0] < p[1]
               for p in parts):
        return False
    if any(a[1] > b[0] for a, b in zip(parts, parts[1:])):
        return False
    return parts[0][0] == q.get("content_start") and parts[-1][1] == q.get("content_end")


def main():
    docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
    outs = open(sys.argv[2], encoding="utf-8").read().splitlines()
    problems = []
    if len(outs) != len(docs):
        problems.append(f"{len(docs)} input lines but {len(outs)} output lines")
    nquotes = 0
    for doc, line in zip(docs, outs):
        try:
            out = json.loads(line)
        except ValueError as e:
            problems.append(f"{doc['id']}: not JSON ({e}): {line[:80]}")
            continue
        if out.get("id") != doc["id"]:
            problems.append(f"{doc['id']}: output id is {out.get('id')!r}")
        quotes = out.get("quotes")
        if not isinstance(quotes, list):
            problems.append(f"{doc['id']}: no quotes list")
            continue
        n = len(doc["text"])
        for i, q in enumerate(quotes):
            nquotes += 1
            where = f"{doc['id']} quote {i}"
            if q.get("kind") not in KINDS:
                problems.append(f"{where}: kind {q.get('kind')!r}")
            if not spans_ok(q, "content", n, True):
                problems.append(f"{where}: content span {q.get('content_start')}..{q.get('content_end')} (text has {n} code points)")
            if not parts_ok(q):
                problems.append(f"{where}: parts {q.get('parts')!r} for content {q.get('content_start')}..{q.get('content_end')}")
            for part in ("speaker", "cue"):
                if not spans_ok(q, part, n, False):
                    problems.append(f"{where}: {part} span {q.get(part + '_start')}..{q.get(part + '_end')}")
    for p in problems[:20]:
        print("problem:", p)
    print(f"{len(docs)} documents, {nquotes} quotes, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
