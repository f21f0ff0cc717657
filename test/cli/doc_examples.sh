#!/usr/bin/env bash
# Every ```sql example in README.md and docs/*.md runs, and shows the output it really gives.
#
# Each file gets a fresh database with `CREATE EXTENSION whosaid` done first (unless its first
# example block creates the extension itself); its ```sql blocks then run in order in ONE psql
# session (psql -X -q, default search_path), so later blocks see what earlier ones created.
# Where a statement is followed directly (no blank line) by `-- ` comment lines, those lines
# are the output it shows, in psql's aligned format (the README's five-minute tour), and must
# equal what psql prints for it (errors and notices included), modulo trailing whitespace.
# A comment meant as a comment, not as output, is separated from the statement before it by a
# blank line. Any ERROR or WARNING that a block does not show fails the test too.
#
# A block that cannot run standalone (it needs Citus, say) is fenced ```sql norun; the test
# lists those. DOC_EXAMPLES_ACCEPT=1 writes what psql printed into the files in place of what
# they show; read the git diff line by line before committing it. Fixture files are read client-side (psql \set x `cat file`), from the
# repository root, so the server never reads the checkout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=build/test-cli/doc_examples
mkdir -p "$WORK"

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb_cluster

files=(README.md)
for f in docs/*.md; do [ -e "$f" ] && files+=("$f"); done

python3 - "$WORK" "$$" "${files[@]}" <<'PY'
import difflib, os, re, subprocess, sys

work, pid, files = sys.argv[1], sys.argv[2], sys.argv[3:]
FENCE = re.compile(r'^(\s*)(`{3,}|~{3,})\s*(\S*)\s*(.*)$')
CREATES_EXT = re.compile(r'create\s+extension\s+(if\s+not\s+exists\s+)?"?whosaid\b', re.I)
BAD = re.compile(r'^(ERROR|WARNING|FATAL|PANIC):|server closed the connection|^invalid command')
MARK = '@@doc-example %d %s@@'


def blocks(path):
    """(first line number, info words, lines) of every fenced block whose language is sql."""
    out, cur, fence = [], None, None
    for no, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        m = FENCE.match(line)
        if cur is None:
            if m:
                fence = m.group(2)
                cur = (no + 1, [m.group(3)] + m.group(4).split(), [])
        elif m and m.group(2).startswith(fence[0]) and len(m.group(2)) >= len(fence) \
                and not m.group(3):
            if cur[1][0].lower() == 'sql':
                out.append(cur)
            cur = None
        else:
            cur[2].append(line)
    return out


class Scanner:
    """Tracks quotes across lines well enough to find where a statement ends and where a
    line's trailing -- comment starts."""
    def __init__(self):
        self.quote = None      # "'", '"', or a $tag$

    def code(self, line):
        """The line without a trailing comment outside quotes."""
        i = 0
        while i < len(line):
            c = line[i]
            if self.quote:
                if line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = None
                    continue
            elif c in "'\"":
                self.quote = c
            elif c == '$':
                m = re.match(r'\$([A-Za-z_][A-Za-z_0-9]*)?\$', line[i:])
                if m:
                    self.quote = m.group(0)
                    i += len(self.quote)
                    continue
            elif line.startswith('--', i):
                return line[:i]
            i += 1
        return line

    def ends_statement(self, line):
        if self.quote is None and line.lstrip().startswith('\\'):
            return True        # a psql meta-command runs at the end of its line
        code = self.code(line)
        return self.quote is None and code.rstrip().endswith(';')


def split(lines):
    """Cut a block into (offset, sql lines, shown output or None, offset of the output)
    parts: each statement that shows output on its own, and the statements between."""
    parts, sql, start, sc, i, first = [], [], 0, Scanner(), 0, 0
    while i < len(lines):
        line = lines[i]
        sql.append(line)
        i += 1
        if sc.ends_statement(line):
            shown, at = [], i
            while i < len(lines) and re.match(r'^--( |$)', lines[i]):
                shown.append(lines[i][3:])
                i += 1
            if shown:
                parts.append((first, sql[:start], None, None))
                parts.append((first + start, sql[start:], shown, at))
                sql, first = [], i
            start = len(sql)
    parts.append((first, sql, None, None))
    return [p for p in parts if p[1]]


def norm(text_lines):
    lines = [l.rstrip() for l in text_lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def psql(db, *args, stdin=None):
    return subprocess.run(['psql', '-X', '-q', '-d', db, *args], input=stdin, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240)


ran = compared = failures = 0
norun = []
for fno, path in enumerate(files):
    bl = blocks(path)
    skip = lambda b: len(b[1]) > 1 and b[1][1].rstrip(':') == 'norun'
    runnable = [b for b in bl if not skip(b)]
    norun += [(path, b[0], ' '.join(b[1][2:]) or '(no reason given)') for b in bl if skip(b)]
    if not runnable:
        continue
    script, expected, n = [], {}, 0
    if not CREATES_EXT.search('\n'.join(runnable[0][2])):
        script.append('CREATE EXTENSION whosaid;')
    for line0, info, lines in runnable:
        for offset, sql, shown, at in split(lines):
            if shown is None:
                script += sql
                continue
            n += 1
            expected[n] = (line0 + offset, shown, line0 + at)
            script.append('\\echo ' + MARK % (n, 'begin'))
            script += sql
            script.append('\\echo ' + MARK % (n, 'end'))
    ran += len(runnable)
    db = 'doc_examples_%s_%d' % (pid, fno)
    r = psql('postgres', '-c', 'CREATE DATABASE ' + db)
    if r.returncode:
        sys.exit(r.stdout)
    try:
        r = psql(db, stdin='\n'.join(script) + '\n')
    finally:
        psql('postgres', '-c', 'DROP DATABASE IF EXISTS ' + db)
    with open(os.path.join(work, os.path.basename(path) + '.out'), 'w', encoding='utf-8') as f:
        f.write(r.stdout)
    got, outside, cur = {}, [], None
    for line in r.stdout.split('\n'):
        m = re.match(r'^@@doc-example (\d+) (begin|end)@@$', line)
        if m:
            cur = int(m.group(1)) if m.group(2) == 'begin' else None
            if cur:
                got[cur] = []
        elif cur:
            got[cur].append(line)
        else:
            outside.append(line)
    bad = [l for l in outside if BAD.search(l)]
    if bad or r.returncode:
        failures += 1
        print('FAIL %s: psql exit %d; output no example shows:' % (path, r.returncode))
        print('\n'.join('    | ' + l for l in bad or outside[-20:]))
    fixes = []
    for k, (where, shown, at) in sorted(expected.items()):
        compared += 1
        want, have = norm(shown), norm(got.get(k, ['(never ran)']))
        if want != have:
            fixes.append((at, len(shown), have))
            failures += 1
            print('FAIL %s:%d: the output shown is not what psql prints:' % (path, where))
            for d in difflib.unified_diff(want, have, 'shown', 'psql', lineterm='', n=2):
                print('    | ' + d)

    if fixes and os.environ.get('DOC_EXAMPLES_ACCEPT') == '1':
        text = open(path, encoding='utf-8').read().split('\n')
        for at, count, have in reversed(fixes):
            text[at - 1:at - 1 + count] = [('-- ' + l).rstrip() for l in have]
        open(path, 'w', encoding='utf-8').write('\n'.join(text))
        print('wrote psql\'s output into %s: read the diff before you commit it' % path)

for path, line, why in norun:
    print('norun %s:%d %s' % (path, line, why))
print('doc examples: %d files, %d blocks run, %d outputs compared, %d norun blocks, %d failures'
      % (len(files), ran, compared, len(norun), failures))
sys.exit(1 if failures else 0)
PY
