#!/usr/bin/env python3
"""eval_actors.py — accuracy of whosaid's named actors, through the CLI.

  eval_actors.py conll  WHOSAID MODEL eng.testa
      CoNLL-2003 documents rebuilt as text (tokens joined by single spaces,
      sentences by newlines), run through `whosaid actors --model MODEL`;
      exact character span + kind, person/organization/place (MISC left out
      of gold and never predicted).
  eval_actors.py seeds  WHOSAID MODEL gold.jsonl SEEDDIR
      gold actors found with the right kind; role and affiliation of the
      gold actors that have them; photo-credit names never quote speakers.
"""
import json
import os
import subprocess
import sys

KIND = {"PER": "person", "ORG": "organization", "LOC": "place"}


def conll_docs(path):
    """Yield (text, gold spans [(start, end, kind)]) per -DOCSTART- document."""
    sents, cur = [], []
    docs = []

    def flush_doc():
        if cur:
            sents.append(list(cur))
            cur.clear()
        if sents:
            docs.append(list(sents))
            sents.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                flush_doc()
                continue
            if not line.strip():
                if cur:
                    sents.append(list(cur))
                    cur.clear()
                continue
            parts = line.split()
            cur.append((parts[0], parts[-1]))
    flush_doc()
    for doc in docs:
        text_parts, gold, pos = [], [], 0
        for si, sent in enumerate(doc):
            if si:
                text_parts.append("\n")
                pos += 1
            ent = None  # [start, end, type]
            prev_type = None
            for ti, (w, tag) in enumerate(sent):
                if ti:
                    text_parts.append(" ")
                    pos += 1
                start, end = pos, pos + len(w)
                text_parts.append(w)
                pos = end
                typ = None if tag == "O" else tag[2:]
                begins = typ is not None and (tag.startswith("B-") or typ != prev_type)
                if ent and (typ is None or begins):
                    gold.append(tuple(ent))
                    ent = None
                if typ is not None:
                    if begins:
                        ent = [start, end, typ]
                    else:
                        ent[1] = end
                prev_type = typ
            if ent:
                gold.append(tuple(ent))
        gold = [(s, e, KIND[t]) for s, e, t in gold if t in KIND]
        yield "".join(text_parts), gold


def run_cli(whosaid, model, cmd, docs):
    inp = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(docs))
    out = subprocess.run([whosaid, cmd, "--model", model, "--stats"], input=inp,
                         capture_output=True, text=True, check=True)
    sys.stderr.write(out.stderr)
    return [json.loads(l) for l in out.stdout.splitlines()]


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def conll(whosaid, model, path):
    docs = list(conll_docs(path))
    res = run_cli(whosaid, model, "actors", [t for t, _ in docs])
    kinds = ["person", "organization", "place"]
    tp = dict.fromkeys(kinds, 0)
    fp = dict.fromkeys(kinds, 0)
    fn = dict.fromkeys(kinds, 0)
    for (text, gold), out in zip(docs, res):
        g = set(gold)
        p = {(m["span_start"], m["span_end"], m["kind"]) for m in out["mentions"]
             if m["kind"] in kinds}
        for s in p:
            if s in g:
                tp[s[2]] += 1
            else:
                fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    print(f"conll {os.path.basename(path)}: {len(docs)} documents, exact span + kind")
    for k in kinds:
        p, r, f = prf(tp[k], fp[k], fn[k])
        print(f"  {k:<13} P {p:.4f}  R {r:.4f}  F1 {f:.4f}  (gold {tp[k] + fn[k]})")
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"conll overall P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    return f


def norm(s):
    return " ".join((s or "").replace("’", "'").lower().split())


def seeds(whosaid, model, gold_path, seed_dir):
    golds = [json.loads(l) for l in open(gold_path, encoding="utf-8")]
    texts = [open(os.path.join(seed_dir, g["file"]), encoding="utf-8").read() for g in golds]
    res = run_cli(whosaid, model, "actors", texts)
    qres = run_cli(whosaid, model, "quotes", texts)
    n = found = kind_ok = 0
    nrole = role_ok = naff = aff_ok = 0
    misses = []
    for g, out in zip(golds, res):
        for ga in g["actors"]:
            n += 1
            names = {norm(ga["actor"])} | {norm(x) for x in ga["aliases"]}
            match = None
            for pa in out["actors"]:
                pn = {norm(pa["actor"])} | {norm(x) for x in pa["aliases"]}
                if names & pn:
                    if match is None or pa["kind"] == ga["kind"]:
                        match = pa
            if match is not None:
                found += 1
                if match["kind"] == ga["kind"]:
                    kind_ok += 1
                else:
                    misses.append(f"{ga['actor']}: kind {match['kind']} (gold {ga['kind']})")
            else:
                misses.append(f"{ga['actor']}: not found")
            if ga.get("role"):
                nrole += 1
                if match and norm(match["role"]) == norm(ga["role"]):
                    role_ok += 1
                else:
                    misses.append(f"{ga['actor']}: role {match and match['role']!r} (gold {ga['role']!r})")
            if ga.get("affiliation"):
                naff += 1
                gaff = norm(ga["affiliation"])
                ok = False
                if match and match["affiliation"]:
                    pa_aff = norm(match["affiliation"])
                    ok = pa_aff == gaff
                    # the affiliation may be canonicalised differently (acronym vs expansion)
                    for pa in out["actors"]:
                        pn = {norm(pa["actor"])} | {norm(x) for x in pa["aliases"]}
                        if pa_aff in pn and gaff in pn:
                            ok = True
                if ok:
                    aff_ok += 1
                else:
                    misses.append(f"{ga['actor']}: affiliation {match and match['affiliation']!r} (gold {ga['affiliation']!r})")
    # photo credits: "Name/Agency" lines must not yield a speaker
    credit_names, credit_bad = [], []
    for g, text, q in zip(golds, texts, qres):
        for nq in g.get("not_quotes", []):
            if "photo credit" in nq.get("why", ""):
                for part in nq["text"].split("/"):
                    credit_names.append(part.strip())
                    for qq in q["quotes"]:
                        if norm(qq.get("speaker")) == norm(part):
                            credit_bad.append(part.strip())
    print(f"seeds actors found with the right kind: {kind_ok}/{n} ({100.0 * kind_ok / max(n, 1):.1f}%)"
          f"  (found at all: {found}/{n})")
    print(f"seeds roles right: {role_ok}/{nrole}")
    print(f"seeds affiliations right: {aff_ok}/{naff}")
    print(f"seeds photo-credit names made speakers: {len(credit_bad)} of {len(credit_names)}"
          + (f" ({', '.join(credit_bad)})" if credit_bad else ""))
    for m in misses:
        print(f"  miss: {m}")


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "conll":
        conll(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) >= 6 and sys.argv[1] == "seeds":
        seeds(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
