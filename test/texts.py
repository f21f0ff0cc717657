#!/usr/bin/env python3
"""Turn text files into loadable rows, keeping every byte of the text.

usage: texts.py csv FILE...     ->  name,body       (for psql \\copy ... WITH (FORMAT csv))
       texts.py jsonl FILE...   ->  {"id", "text"}  (for build/whosaid quotes)

name is the file name, id the file name without its extension. The shell and psql's
backquote substitution both drop trailing newlines; this keeps offsets exact.
"""
import csv
import json
import os
import sys


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("csv", "jsonl"):
        sys.exit(__doc__)
    mode, files = sys.argv[1], sys.argv[2:]
    sys.stdout.reconfigure(encoding="utf-8")
    out = csv.writer(sys.stdout, lineterminator="\n") if mode == "csv" else None
    for path in files:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        name = os.path.basename(path)
        if out:
            out.writerow([name, text])
        else:
            doc = {"id": os.path.splitext(name)[0], "text": text}
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
