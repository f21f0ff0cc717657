#!/usr/bin/env python3
"""Write one whosaid.actorvec or whosaid.actorquery value as a one-row, one-column
COPY BINARY stream on stdout, built directly in the types' binary format (version
byte, reserved byte, then the entries or the prefix-order nodes), so that tests can
load values of any size or shape without going through the text parser.

  actor_values.py vec N FMT [KIND] [speaker]   N actors named FMT.format(i=1..N)
  actor_values.py cases N NAME KIND            N upper/lower-case variants of NAME
  actor_values.py query N FMT OP               N names FMT.format(i) joined by and/or
  actor_values.py nots D NAME                  !!…!NAME with D operators
  actor_values.py nest D                       a & (b | (c & (…))) with D operators
"""
import struct
import sys

KINDS = {"none": 0, "person": 1, "org": 2, "place": 3}
NAME, AND, OR, NOT = 1, 2, 3, 4


def string(s):
    b = s.encode("utf-8")
    return struct.pack(">i", len(b)) + b


def vec(entries):
    """entries: (name, kind, flags) tuples"""
    out = [struct.pack(">BBi", 1, 0, len(entries))]
    for name, kind, flags in entries:
        out.append(struct.pack(">BB", kind, flags) + string(name) + struct.pack(">i", 0))
    return b"".join(out)


def query(nodes):
    """nodes in prefix order: ("name", text) or (op, nargs)"""
    out = [struct.pack(">BBi", 1, 0, len(nodes))]
    for node in nodes:
        if node[0] == "name":
            out.append(struct.pack(">BBB", NAME, 0, 0) + string(node[1]))
        else:
            out.append(struct.pack(">Bi", node[0], node[1]))
    return b"".join(out)


def case_variants(name, n):
    letters = [k for k, c in enumerate(name) if c.isalpha()]
    if n > 2 ** len(letters):
        sys.exit("not enough letters for %d variants" % n)
    for v in range(n):
        chars = list(name.lower())
        for bit, k in enumerate(letters):
            if v >> bit & 1:
                chars[k] = chars[k].upper()
        yield "".join(chars)


def main(argv):
    cmd = argv[0]
    if cmd == "vec":
        n, fmt = int(argv[1]), argv[2]
        kind = KINDS[argv[3]] if len(argv) > 3 else 0
        flags = 1 if len(argv) > 4 and argv[4] == "speaker" else 0
        value = vec([(fmt.format(i=i), kind, flags) for i in range(1, n + 1)])
    elif cmd == "cases":
        n, name, kind = int(argv[1]), argv[2], KINDS[argv[3]]
        value = vec([(s, kind, 0) for s in case_variants(name, n)])
    elif cmd == "query":
        n, fmt, op = int(argv[1]), argv[2], {"and": AND, "or": OR}[argv[3]]
        value = query([(op, n)] + [("name", fmt.format(i=i)) for i in range(1, n + 1)])
    elif cmd == "nots":
        d, name = int(argv[1]), argv[2]
        value = query([(NOT, 1)] * d + [("name", name)])
    elif cmd == "nest":
        d = int(argv[1])
        nodes = []
        for k in range(d):
            nodes += [(AND if k % 2 == 0 else OR, 2), ("name", "n%d" % k)]
        value = query(nodes + [("name", "last")])
    else:
        sys.exit(__doc__)
    sys.stdout.buffer.write(
        b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
        + struct.pack(">hi", 1, len(value)) + value + struct.pack(">h", -1))


if __name__ == "__main__":
    main(sys.argv[1:])
