#!/usr/bin/env python3
"""Draft the routine part of an update script: what it does not yet bring up to date.

usage: test/update_draft.py OLD [NEW]
       test/update_draft.py --write OLD [NEW]

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

With --write, the section "-- ---...--- routines" of whosaid--OLD--NEW.sql is drafted anew:
the script without it (everything before it, which must not need its routines) is installed
with make install, the draft of what that misses replaces the section, and the whole script is
installed again. The sections after it (grants naming new routines, the migration of tracked
tables) stay as they are.
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


SECTION = re.compile(r"^-- -{60,} .*\n", re.M)
ROUTINES = "-- " + "-" * 64 + " routines\n"


def make_install(root):
    subprocess.run(["make", "install"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def literal(s):
    return "'" + s.replace("'", "''") + "'"


def main():
    args = sys.argv[1:]
    write = bool(args) and args[0] == "--write"
    args = args[1:] if write else args
    if not args:
        sys.exit(__doc__)
    old = args[0]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    control = open(os.path.join(root, "whosaid.control"), encoding="utf-8").read()
    new = args[1] if len(args) > 1 else \
        re.search(r"default_version\s*=\s*'([^']*)'", control).group(1)
    if not write:
        print(draft(old, new), end="")
        return
    path = os.path.join(root, f"whosaid--{old}--{new}.sql")
    script = open(path, encoding="utf-8").read()
    i = script.index(ROUTINES)
    after = SECTION.search(script, i + len(ROUTINES))
    head, tail = script[:i].rstrip("\n") + "\n\n", script[after.start():] if after else ""
    open(path, "w", encoding="utf-8").write(head)
    make_install(root)
    routines = draft(old, new)
    routines = "\n".join(line for line in routines.split("\n") if not line.startswith("-- routines"))
    routines = (ROUTINES + f"-- New and changed functions and procedures (drafted with test/update_draft.py {old}).\n\n"
                + routines.strip("\n") + "\n\n")
    open(path, "w", encoding="utf-8").write(head + routines + tail)
    make_install(root)
    left = draft(old, new)
    print(f"{path}: routines section rewritten" + (f"; still missing:\n{left}" if left else ""))


def draft(old, new):
    out = []
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
            out.append(f"-- {title} (in creation order)")
        for sig in sigs:
            r, o = after[sig], before.get(sig)
            if o is None or o["def"] != r["def"]:
                out.append(r["def"].rstrip().replace("'$libdir/whosaid'", "'MODULE_PATHNAME'") + ";")
            if r["comment"] is not None and (o is None or o["comment"] != r["comment"]):
                out.append(f"COMMENT ON {r['kind']} {sig} IS {literal(r['comment'])};")
            out.append("")
    gone = [sig for sig in before if sig not in after]
    if gone:
        out.append(f"-- routines {new} no longer has")
        for sig in gone:
            out.append(f"DROP {before[sig]['kind']} {sig};")

    return "".join(line + "\n" for line in out)


if __name__ == "__main__":
    main()
