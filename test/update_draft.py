#!/usr/bin/env python3
"""Draft the routine part of an update script: what it does not yet bring up to date.

usage: test/update_draft.py OLD [NEW]

In two scratch databases of the cluster the PG* variables point at (whosaid installed there
by make install), installs whosaid OLD and runs the update script as it stands (ALTER
EXTENSION whosaid UPDATE TO NEW; NEW defaults to default_version of whosaid.control), and
installs NEW fresh. It compares their functions and procedures and prints what the update
still misses:
  - CREATE OR REPLACE of each routine that is missing, then of each that differs
    (pg_get_functiondef, with '$libdir/whosaid' written back as 'MODULE_PATHNAME'), each
    group in NEW's creation order, so new routines exist before changed ones name them
    (as a SUPPORT function, say);
  - COMMENT ON of each routine whose comment is missing or differs;
  - DROP of each routine that NEW no longer has.
Write the types, tables and new pieces into the update script first, then paste this draft
after them and review it: a change of return type, argument name or OUT parameter needs
DROP + CREATE (and whatever depends on the routine: triggers, views, operators), and
privileges and data are written by hand. test/cli/upgrade.sh says when it is complete.
"""
import json
import os
import re
import subprocess
import sys

QUERY = r"""
SELECT json_agg(json_build_object(
    'sig', p.oid::regprocedure::text,
    'kind', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
    'def', pg_get_functiondef(p.oid),
    'comment', obj_description(p.oid, 'pg_proc')) ORDER BY p.oid)
FROM pg_proc p
WHERE p.pronamespace = 'whosaid'::regnamespace AND p.prokind IN ('f', 'p')
"""


def psql(db, *args, capture=False):
    cmd = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", db, *args]
    return subprocess.run(cmd, check=True, text=True,
                          stdout=subprocess.PIPE if capture else None).stdout


def routines(db, version, update_to=None):
    psql(db, "-c", "CREATE EXTENSION whosaid" + (f" VERSION '{version}'" if version else ""))
    if update_to:
        psql(db, "-c", f"ALTER EXTENSION whosaid UPDATE TO '{update_to}'")
    rows = json.loads(psql(db, "-c", QUERY, capture=True) or "[]") or []
    return {r["sig"]: r for r in rows}, [r["sig"] for r in rows]


def literal(s):
    return "'" + s.replace("'", "''") + "'"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    old = sys.argv[1]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    control = open(os.path.join(root, "whosaid.control"), encoding="utf-8").read()
    new = sys.argv[2] if len(sys.argv) > 2 else \
        re.search(r"default_version\s*=\s*'([^']*)'", control).group(1)
    dbs = {v: f"whosaid_draft_{v.replace('.', '_')}_{os.getpid()}" for v in (old, new)}
    try:
        for db in dbs.values():
            psql("postgres", "-c", f"CREATE DATABASE {db}")
        before, _ = routines(dbs[old], old, new)
        after, order = routines(dbs[new], new)
    finally:
        for db in dbs.values():
            psql("postgres", "-c", f"DROP DATABASE IF EXISTS {db}")

    missing = [sig for sig in order if sig not in before]
    changed = [sig for sig in order if sig in before and
               (before[sig]["def"], before[sig]["comment"]) != (after[sig]["def"], after[sig]["comment"])]
    for title, sigs in ((f"routines of {new} the update does not create", missing),
                        (f"routines the update leaves different from {new}", changed)):
        if sigs:
            print(f"-- {title} (in creation order)")
        for sig in sigs:
            r, o = after[sig], before.get(sig)
            if o is None or o["def"] != r["def"]:
                print(r["def"].rstrip().replace("'$libdir/whosaid'", "'MODULE_PATHNAME'") + ";")
            if r["comment"] is not None and (o is None or o["comment"] != r["comment"]):
                print(f"COMMENT ON {r['kind']} {sig} IS {literal(r['comment'])};")
            print()
    gone = [sig for sig in before if sig not in after]
    if gone:
        print(f"-- routines {new} no longer has")
        for sig in gone:
            print(f"DROP {before[sig]['kind']} {sig};")


if __name__ == "__main__":
    main()
