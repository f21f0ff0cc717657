#!/usr/bin/env python3
"""gum_to_ner.py — named entities from GUM's coreference layer, as CoNLL-2003 columns.

  gum_to_ner.py GUMDIR LEXDIR TRAIN_OUT DEV_OUT      write both splits
  gum_to_ner.py --list GUMDIR                        print the documents used, split, licence

GUM (../shared/ner/gum, annotations CC-BY 4.0) marks every mention with an entity type
(person, place, organization, event, object, abstract, ...), not named entities. A named
entity here is a maximal run of capitalised tokens (with name-internal `of`, `de`, `van`,
`&`, `-` ...) inside a mention; it takes the type of the smallest mention that contains the
whole run, mapped as

  person -> PER, organization -> ORG, place -> LOC, event/object/abstract -> MISC,
  time/quantity/substance/animal/plant -> none (O)

and, as in CoNLL-2003, a nationality word (or its plural) is MISC, and leading titles (`Professor`, `Dr`,
`President`; data/lexicons/honorifics.txt) are left out of a person's name. A sentence-initial
word is a name only if it never occurs lower-case in the corpus and does occur
capitalised inside a sentence; one-letter words are not names; title-case lines
(headings) are left out.

Only genres whose texts are CC-BY or CC-BY-SA are read (GUM's LICENSE.txt): academic (CC-BY
4.0), bio (Wikipedia, CC-BY-SA 3.0), court (CC-BY 4.0), interview and news (Wikinews, CC-BY
2.5), voyage (Wikivoyage, CC-BY-SA 3.0). The non-commercial genres (essay, fiction, letter,
podcast, whow, reddit), the genres LICENSE.txt gives no licence for (conversation, speech,
textbook, vlog) and GENTLE are not. Split by document, stratified by genre: in each genre's
documents sorted by name, every fifth (index 2, 7, 12, ...) is held out as dev. The output
is derived from the texts: it is written under build/ and never committed.
"""
import os
import re
import sys

GENRES = {
    "academic": "CC-BY 4.0",
    "bio": "CC-BY-SA 3.0 (Wikipedia)",
    "court": "CC-BY 4.0",
    "interview": "CC-BY 2.5 (Wikinews)",
    "news": "CC-BY 2.5 (Wikinews)",
    "voyage": "CC-BY-SA 3.0 (Wikivoyage)",
}
TYPE = {"person": "PER", "organization": "ORG", "place": "LOC",
        "event": "MISC", "object": "MISC", "abstract": "MISC"}
CONNECT = {"of", "de", "del", "della", "da", "van", "von", "der", "den", "du", "la", "le",
           "bin", "al", "&", "-", "'s"}
CONNECT_AFTER_OF = {"the"}
# group names that CoNLL-2003 tags MISC like nationalities
GROUPS = {"White", "Black", "Hispanic", "Latino", "Latina", "Asian", "African", "Caucasian",
          "Native", "Indigenous", "Aboriginal", "Jewish", "Muslim", "Christian", "Catholic",
          "Protestant", "Arab", "European", "American", "Islander", "Pacific"}


def documents(gumdir):
    """(name, genre, split) of every document used, in a fixed order."""
    out = []
    names = sorted(f[:-4] for f in os.listdir(os.path.join(gumdir, "tsv")) if f.endswith(".tsv"))
    for genre in sorted(GENRES):
        docs = [n for n in names if n.startswith("GUM_" + genre + "_")]
        for i, n in enumerate(docs):
            out.append((n, genre, "dev" if i % 5 == 2 else "train"))
    return out


def read_tsv(path):
    """Sentences [[word]], and mentions [(first, last, type)] over document token indexes."""
    sents, words = [], []
    spans = {}
    singles = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#Text="):
                sents.append([])
                continue
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 4 or not re.match(r"^\d+-\d+$", cols[0]):
                continue
            idx = len(words)
            words.append(cols[2])
            sents[-1].append(idx)
            if cols[3] in ("_", ""):
                continue
            for ent in cols[3].split("|"):
                m = re.match(r"^([a-z]+)(?:\[(\d+)\])?$", ent)
                if not m:
                    continue
                if m.group(2) is None:
                    singles.append((idx, idx, m.group(1)))
                else:
                    key = m.group(2)
                    if key in spans:
                        spans[key][1] = idx
                    else:
                        spans[key] = [idx, idx, m.group(1)]
    mentions = [tuple(v) for v in spans.values()] + singles
    return words, sents, mentions


def lexicon(lexdir, name):
    with open(os.path.join(lexdir, name), encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def is_cap(w):
    return w[:1].isupper() or (w[:1].isdigit() and any(c.isupper() for c in w))


def label_doc(words, sents, mentions, lower_vocab, cap_mid, nationalities, titles):
    """BIO labels per token; None for tokens of left-out (heading) sentences."""
    n = len(words)
    labels = ["O"] * n
    name = [False] * n
    skip = [False] * n
    for s in sents:
        alpha = [i for i in s if words[i][:1].isalpha()]
        caps = [i for i in alpha if is_cap(words[i])]
        if len(alpha) >= 3 and len(caps) > 0.6 * len(alpha):
            for i in s:
                skip[i] = True
            continue
        for k, i in enumerate(s):
            w = words[i]
            if not is_cap(w) or w == "I" or len(w) == 1:
                continue
            if k == 0 and (w.lower() in lower_vocab or w not in cap_mid):
                continue
            name[i] = True
    for s in sents:
        if skip[s[0]]:
            continue
        k = 0
        while k < len(s):
            if not name[s[k]]:
                k += 1
                continue
            j = k + 1
            while j < len(s):
                w = words[s[j]]
                if name[s[j]]:
                    j += 1
                    continue
                # name-internal connectors, only when a name word follows
                t = j
                while t < len(s) and not name[s[t]] and (
                        words[s[t]] in CONNECT or (words[s[t]] in CONNECT_AFTER_OF and words[s[t - 1]] == "of")):
                    t += 1
                if t > j and t < len(s) and name[s[t]] and words[s[t - 1]] != "'s":
                    j = t
                    continue
                break
            b, e = s[k], s[j - 1]
            k = j
            best = None
            for (mb, me, ty) in mentions:
                if mb <= b and e <= me and (best is None or me - mb < best[1] - best[0]):
                    best = (mb, me, ty)
            typ = TYPE.get(best[2]) if best else None
            if all(words[i] in nationalities or words[i] in GROUPS or
                   (words[i].endswith("s") and (words[i][:-1] in nationalities or words[i][:-1] in GROUPS))
                   for i in range(b, e + 1)):
                typ = "MISC"
            if typ == "PER":
                while b <= e and (words[b] in titles or words[b].rstrip(".") in titles):
                    b += 1
            if typ is None or b > e:
                continue
            labels[b] = "B-" + typ
            for i in range(b + 1, e + 1):
                labels[i] = "I-" + typ
    return [None if skip[i] else labels[i] for i in range(n)]


def write(path, docs):
    with open(path, "w", encoding="utf-8") as out:
        for words, sents, labels in docs:
            out.write("-DOCSTART- -X- -X- O\n\n")
            for s in sents:
                rows = [(words[i], labels[i]) for i in s if labels[i] is not None]
                if not rows:
                    continue
                for w, l in rows:
                    out.write(f"{w} _ _ {l}\n")
                out.write("\n")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--list":
        for name, genre, split in documents(sys.argv[2]):
            print(f"{name}\t{split}\t{GENRES[genre]}")
        return
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    gumdir, lexdir, train_out, dev_out = sys.argv[1:]
    docs = documents(gumdir)
    parsed = {n: read_tsv(os.path.join(gumdir, "tsv", n + ".tsv")) for n, _, _ in docs}
    lower_vocab = set()
    for words, _, _ in parsed.values():
        lower_vocab.update(w for w in words if w[:1].islower())
    cap_mid = set()
    for words, sents, _ in parsed.values():
        for snt in sents:
            cap_mid.update(words[i] for i in snt[1:] if is_cap(words[i]))
    nationalities = lexicon(lexdir, "nationalities.txt")
    titles = lexicon(lexdir, "honorifics.txt")
    out = {"train": [], "dev": []}
    for n, _, split in docs:
        words, sents, mentions = parsed[n]
        out[split].append((words, sents, label_doc(words, sents, mentions, lower_vocab,
                                                   cap_mid, nationalities, titles)))
    write(train_out, out["train"])
    write(dev_out, out["dev"])
    for split in ("train", "dev"):
        ntok = sum(sum(1 for l in d[2] if l is not None) for d in out[split])
        nent = sum(sum(1 for l in d[2] if l and l.startswith("B-")) for d in out[split])
        print(f"gum {split}: {len(out[split])} documents, {ntok} tokens, {nent} entities",
              file=sys.stderr)


if __name__ == "__main__":
    main()
