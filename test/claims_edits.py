#!/usr/bin/env python3
"""Synthetic variants of real quotations, for recall under editing.

usage: claims_edits.py PAIRS.tsv OUT.tsv

From every quotation of at least 8 words in PAIRS (claims_devset.py pairs
output) make variants the way published quotes differ from what was said:
trim (a run of 60 % of the words), ellipsis (head and tail joined by …),
edit (one word in eight replaced), trim+edit. Each variant is paired with
its source (label 1). Output lines as PAIRS: key_a, key_b, label, how, a, b.
"""
import random
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    r = random.Random(20)
    quotes = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            x = line.rstrip("\n").split("\t")
            quotes[x[0]] = x[4]
            quotes[x[1]] = x[5]
    fillers = ["the", "[he]", "very", "new", "(sic)", "also", "our", "its"]
    with open(sys.argv[2], "w", encoding="utf-8") as o:
        for key in sorted(quotes):
            w = quotes[key].split()
            n = len(w)
            if n < 8:
                continue
            m = max(4, int(n * 0.6))
            s = r.randrange(0, n - m + 1)
            trim = w[s:s + m]
            edit = [fillers[r.randrange(len(fillers))] if r.randrange(8) == 0 else x for x in w]
            trim_edit = [fillers[r.randrange(len(fillers))] if r.randrange(8) == 0 else x for x in trim]
            h = max(2, n // 3)
            ellipsis = w[:h] + ["…"] + w[n - h:]
            for how, v in (("trim", trim), ("ellipsis", ellipsis), ("edit", edit), ("trim_edit", trim_edit)):
                o.write("\t".join([key, key + "~" + how, "1", how, quotes[key], " ".join(v)]) + "\n")


if __name__ == "__main__":
    main()
