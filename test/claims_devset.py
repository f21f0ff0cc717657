#!/usr/bin/env python3
"""Build the same-claim dev set at run time from ../shared (never committed).

usage: claims_devset.py candidates SHARED BBC_QUOTES.jsonl OUT.tsv
       claims_devset.py pairs SHARED BBC_QUOTES.jsonl LABELS.tsv OUT.tsv

Quotations come from PolNeAR train (gold content spans) and from the BBC
corpus (the quotes build/whosaid finds). Each is keyed by source, article
and code-point offsets, e.g. pn:ARTICLE:120-211 or bbc:business_001:332-384,
so test/claims_labels.tsv holds keys and labels only, no text.

candidates: pairs of quotations from different articles (articles with
identical text count as one) that share a run of 4 words, with the longest
shared run; the pairs to label by hand.
pairs: the labelled pairs with their texts (key_a, key_b, label, how, a, b),
the input of build/claims_measure; pairs whose keys are gone are counted
and left out.
"""
import hashlib
import json
import os
import random
import re
import sys

WORD = re.compile(r"[^\W_]+(?:['’.,][^\W_]+)*")


def words(s):
    return [w.lower().replace("'", "").replace("’", "") for w in WORD.findall(s)]


def load(shared, bbc_quotes):
    """key -> (article text hash, content)"""
    quotes = {}
    with open(os.path.join(shared, "eval/polnear/train.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            h = hashlib.sha1(d["text"].encode()).hexdigest()
            for q in d["quotes"]:
                s, e = q["content_start"], q["content_end"]
                quotes[f"pn:{d['id']}:{s}-{e}"] = (h, d["text"][s:e])
    texts = {}
    for name in os.listdir(os.path.join(shared, "corpus/bbc")):
        with open(os.path.join(shared, "corpus/bbc", name), encoding="utf-8", newline="") as f:
            texts[os.path.splitext(name)[0]] = f.read()
    with open(bbc_quotes, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = texts[d["id"]]
            h = hashlib.sha1(text.encode()).hexdigest()
            for q in d["quotes"]:
                s, e = q["content_start"], q["content_end"]
                quotes[f"bbc:{d['id']}:{s}-{e}"] = (h, text[s:e])
    return quotes


def longest_run(a, b):
    best = 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def candidates(quotes, out):
    grams = {}
    ws = {k: words(v[1]) for k, v in quotes.items()}
    for k, w in ws.items():
        for g in {tuple(w[i:i + 4]) for i in range(len(w) - 3)}:
            grams.setdefault(g, []).append(k)
    pairs = set()
    for g, ks in grams.items():
        if len(ks) > 40:        # a stock phrase: sampled below, not all pairs
            ks = random.Random(" ".join(g)).sample(ks, 40)
        for i in range(len(ks)):
            for j in range(i + 1, len(ks)):
                a, b = sorted((ks[i], ks[j]))
                if a.split(":")[0] == b.split(":")[0] and quotes[a][0] != quotes[b][0]:
                    pairs.add((a, b))
    # one pair per pair of normalised texts: a quote repeated verbatim in
    # many articles would otherwise dominate
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        for a, b in sorted(pairs):
            sig = tuple(sorted((" ".join(ws[a]), " ".join(ws[b]))))
            if sig in seen:
                continue
            seen.add(sig)
            run = longest_run(ws[a], ws[b])
            f.write("\t".join([a, b, str(run), flat(quotes[a][1]), flat(quotes[b][1])]) + "\n")


def flat(s):
    return " ".join(s.split())


def pairs(quotes, labels, out):
    missing = 0
    with open(labels, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            a, b, label, how = line.rstrip("\n").split("\t")[:4]
            if a not in quotes or b not in quotes:
                missing += 1      # the quote finder moved a BBC span
                continue
            o.write("\t".join([a, b, label, how, flat(quotes[a][1]), flat(quotes[b][1])]) + "\n")
    if missing:
        print(f"{missing} labelled pairs not found", file=sys.stderr)


def main():
    if len(sys.argv) < 5 or sys.argv[1] not in ("candidates", "pairs"):
        sys.exit(__doc__)
    quotes = load(sys.argv[2], sys.argv[3])
    if sys.argv[1] == "candidates":
        candidates(quotes, sys.argv[4])
    else:
        pairs(quotes, sys.argv[4], sys.argv[5])


if __name__ == "__main__":
    main()
