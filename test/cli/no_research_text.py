#!/usr/bin/env python3
"""Find text copied from research-use-only data into git-tracked files.

    no_research_text.py [--words N] [--shared DIR] [--root DIR] [--all]

Every git-tracked file under ROOT (default: the current directory) is cut
into runs of N words (default 8), so punctuation, quote marks, line breaks
and JSON escapes do not hide a copy.
A word is a run of ASCII letters and digits, lowercased, and words joined
by "-" or "_" without a space are one word: a key such as
"pn:nyt_2016-02-18_some-headline-slug" (test/claims_labels.tsv names PolNeAR
articles so, with no text) is one word, not the headline.  A run made only
of number words ("one two three four …") is a count, not text, and is not
reported.  The research texts in SHARED (default $WHOSAID_SHARED or
../shared) are cut the same way:

  eval/ggt/*.jsonl, eval/polnear/*.jsonl  the "text" of each line
  corpus/bbc/*.txt                        each article
  ner/conll2003/eng.*                     the first column (the tokens)
  ner/gum/conll/*.conll                   the second column (the tokens)

Every file sharing a run with them is printed with the runs (the first
--limit of them, or --all) and the sources, and the exit status is 1;
0 when there is none.  Skipped: the model binary under data/model*, images,
and src/engine/lexicon_data.c (word tables generated from the lexicons).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

WORD = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
NUMBER_WORDS = frozenset(
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen '
    'fifteen sixteen seventeen eighteen nineteen twenty'.split())
SKIP_SUFFIXES = ('.bin', '.model', '.png', '.jpg', '.jpeg', '.gif', '.ico', '.svg', '.pdf')


def skipped(path):
    return (path.endswith(SKIP_SUFFIXES) or path.startswith('data/model')
            or path == 'src/engine/lexicon_data.c')


def is_count(run):
    return all(w in NUMBER_WORDS or w.isdigit() for w in run.split(' '))


def runs(text, n):
    w = WORD.findall(text.lower())
    return (' '.join(w[i:i + n]) for i in range(len(w) - n + 1))


def research_texts(shared):
    """(source name, text) for every research text in SHARED."""
    for p in sorted(glob.glob(os.path.join(shared, 'eval', 'ggt', '*.jsonl'))
                    + glob.glob(os.path.join(shared, 'eval', 'polnear', '*.jsonl'))):
        name = os.path.relpath(p, shared)
        with open(p, encoding='utf-8') as f:
            for line in f:
                if line.strip():
                    yield name, json.loads(line).get('text', '')
    for p in sorted(glob.glob(os.path.join(shared, 'corpus', 'bbc', '*.txt'))):
        with open(p, encoding='utf-8', errors='replace') as f:
            yield 'corpus/bbc/' + os.path.basename(p), f.read()
    columns = [(p, 0) for p in glob.glob(os.path.join(shared, 'ner', 'conll2003', 'eng.*'))]
    columns += [(p, 1) for p in glob.glob(os.path.join(shared, 'ner', 'gum', 'conll', '*.conll'))]
    for p, col in sorted(columns):
        toks = []
        with open(p, encoding='utf-8', errors='replace') as f:
            for line in f:
                cells = line.split()
                if len(cells) > col and not line.startswith(('-DOCSTART-', '#')):
                    toks.append(cells[col])
        yield os.path.relpath(p, shared), ' '.join(toks)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--words', type=int, default=8)
    ap.add_argument('--shared', default=os.environ.get('WHOSAID_SHARED', '../shared'))
    ap.add_argument('--root', default='.')
    ap.add_argument('--limit', type=int, default=6)
    ap.add_argument('--all', action='store_true')
    args = ap.parse_args()

    files = subprocess.run(['git', '-C', args.root, 'ls-files', '-z'], check=True,
                           capture_output=True, text=True).stdout.split('\0')
    owners = {}                     # run -> files holding it
    for f in files:
        if not f or skipped(f):
            continue
        try:
            with open(os.path.join(args.root, f), encoding='utf-8') as fh:
                text = fh.read()
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue                # binary, a submodule or deleted in the work tree
        for r in runs(text, args.words):
            if not is_count(r):
                owners.setdefault(r, set()).add(f)

    sources = {}                    # run -> research sources holding it
    for name, text in research_texts(args.shared):
        for r in runs(text, args.words):
            if r in owners:
                sources.setdefault(r, set()).add(name)

    byfile = {}
    for r, srcs in sources.items():
        for f in owners[r]:
            byfile.setdefault(f, []).append((r, srcs))
    for f, found in sorted(byfile.items(), key=lambda x: (-len(x[1]), x[0])):
        print(f'{f}: {len(found)} runs of {args.words} words from research texts')
        for r, srcs in sorted(found)[:None if args.all else args.limit]:
            print(f'    "{r}"  ({", ".join(sorted(srcs))})')
    return 1 if byfile else 0


if __name__ == '__main__':
    sys.exit(main())
