#!/usr/bin/env bash
# Everything the extension creates is documented under docs/: every function, procedure, type,
# operator, operator class, table (and its columns), event trigger, and every view and derived
# table that track() creates (and the view columns it names), read from the install and
# upgrade scripts that `make` builds (whosaid--*.sql), and every setting (GUC) that the C code
# defines (DefineCustom*Variable in src/). A function, procedure, type, operator
# class or table must appear qualified (whosaid.name), other names as a whole word (an
# operator: as written); a function's named parameters must appear too, since they are the
# options a caller passes (`batch_size => 5000`). Names starting with "_" are
# internal and exempt. A new object without docs makes this test fail with its name.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if ! compgen -G 'whosaid--*.sql' >/dev/null; then
	make -s "whosaid--$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" whosaid.control).sql"
fi
if ! compgen -G 'docs/*.md' >/dev/null; then
	echo "docs/*.md: none found"
	exit 1
fi

python3 - whosaid--*.sql <<'PY'
import glob, re, sys

sql = '\n'.join(open(f, encoding='utf-8').read() for f in sys.argv[1:])
csrc = '\n'.join(open(f, encoding='utf-8', errors='replace').read()
                 for f in sorted(glob.glob('src/**/*.c', recursive=True)))
docs = '\n'.join(open(f, encoding='utf-8').read() for f in sorted(glob.glob('docs/*.md')))
Q = r'(?:whosaid\.|@extschema@\.)'


def args_of(text, start):
    """The text between the parenthesis at text[start] and its match."""
    depth = 0
    for i in range(start, len(text)):
        depth += {'(': 1, ')': -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1:i]
    return ''


def split_top(s):
    parts, depth, cur = [], 0, ''
    for c in s:
        depth += {'(': 1, ')': -1}.get(c, 0)
        if c == ',' and depth == 0:
            parts.append(cur)
            cur = ''
        else:
            cur += c
    return parts + [cur] if cur.strip() else parts


need = []          # (what, name, how to find it)
for m in re.finditer(r'CREATE\s+(?:OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\s+' + Q + r'(\w+)\s*\(',
                     sql, re.I):
    kind, name = m.group(1).lower(), m.group(2)
    if name.startswith('_'):
        continue
    need.append((kind, name, 'whosaid.' + name))
    for arg in split_top(args_of(sql, m.end() - 1)):
        words = arg.split()
        if words and words[0].upper() in ('IN', 'OUT', 'INOUT', 'VARIADIC'):
            words = words[1:]
        if len(words) >= 2 and words[1].upper() != 'DEFAULT' and re.fullmatch(r'\w+', words[0]):
            need.append(('parameter of %s()' % name, words[0], words[0]))
for kind, pat in (('type', r'CREATE\s+TYPE\s+' + Q + r'(\w+)'),
                  ('operator class', r'CREATE\s+OPERATOR\s+CLASS\s+' + Q + r'(\w+)'),
                  ('event trigger', r'CREATE\s+EVENT\s+TRIGGER\s+(\w+)')):
    for m in re.finditer(pat, sql, re.I):
        need.append((kind, m.group(1), ('' if kind == 'event trigger' else 'whosaid.') + m.group(1)))
for m in re.finditer(r'CREATE\s+OPERATOR\s+' + Q + r'([^\s(]+)\s*\(', sql, re.I):
    need.append(('operator', m.group(1), m.group(1)))
for m in re.finditer(r'CREATE\s+TABLE\s+' + Q + r'(\w+)\s*\(', sql, re.I):
    need.append(('table', m.group(1), 'whosaid.' + m.group(1)))
    for col in split_top(args_of(sql, m.end() - 1)):
        words = col.split()
        if words and words[0].upper() not in ('PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN',
                                              'CONSTRAINT', 'EXCLUDE'):
            need.append(('column of %s' % m.group(1), words[0], words[0]))
# what track() creates: <prefix>_quotes, <prefix>_who_said_what, … and the views' own columns
for suffix in sorted(set(re.findall(r"\|\|\s*'(_\w+)'", sql))):
    need.append(('relation track() creates', '<prefix>' + suffix, suffix))
for view in re.findall(r"'CREATE VIEW .*?\);", sql, re.S):
    for alias in re.findall(r'\bAS\s+(?!SELECT\b)(\w+)', view):
        need.append(('view column', alias, alias))

for m in re.finditer(r'DefineCustom\w+Variable\s*\(\s*"([\w.]+)"', csrc):
    need.append(('setting', m.group(1), m.group(1)))

missing, seen = [], set()
for what, name, find in need:
    if (what, name) in seen:
        continue
    seen.add((what, name))
    pat = re.escape(find)
    if re.fullmatch(r'[\w.]+', find):
        pat = r'(?<!\w)' + pat + r'(?![\w])'
    if not re.search(pat, docs):
        missing.append('%s %s' % (what, name))
print('docs_complete: %d names from %s and src/ checked against docs/*.md' % (len(seen), ', '.join(sys.argv[1:])))
if missing:
    print('not documented under docs/ (add them to the page for their topic, see docs/README.md):')
    print('\n'.join('  ' + m for m in missing))
    sys.exit(1)
PY
