#!/usr/bin/env bash
# One nesting limit for actorquery text and binary input (issue 21, item 12): binary
# input allowed 800 nested operators and text input 200, so a query 300 deep stored
# through binary COPY made pg_restore fail and lose the table's rows. Now a value one
# input accepts the other accepts too, and a dump restores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=build/test-cli/actorquery_depth
mkdir -p "$WORK"

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb actorquery_depth
"${PSQL[@]}" -c 'CREATE EXTENSION whosaid' -c 'CREATE TABLE t (id int, q whosaid.actorquery)' \
	-c 'CREATE TABLE bin (q whosaid.actorquery)'
fail=0
max=800

# expect WHAT STATE SQLSTATE: report and count a mismatch
expect() {
	if [ "$2" = "$3" ]; then echo "ok   $1 ($3)"; else echo "FAIL $1: got $3, want $2"; fail=1; fi
}
# state of the last statement of psql -c arguments
state() { psql -X -q -d "$db" -v VERBOSITY=sqlstate "$@" 2>&1 | grep -Eo '^ERROR: +[0-9A-Z]{5}' | awk '{print $2}' | tail -n 1 || true; }
ok_or() { local s; s=$(state "$@"); echo "${s:-00000}"; }

# binary input, at the limit and one over, two shapes
i=0
for shape in nots nest; do
	for d in $max $((max + 1)); do
		i=$((i + 1))
		if [ $shape = nots ]; then
			python3 test/cli/actor_values.py nots $d 'Jane Doe' >"$WORK/$shape$d.bin"
		else
			python3 test/cli/actor_values.py nest $d >"$WORK/$shape$d.bin"
		fi
		want=00000; [ $d -gt $max ] && want=54000
		got=$(ok_or -c "\\copy bin FROM '$WORK/$shape$d.bin' WITH (FORMAT binary)")
		expect "binary input, $d operators ($shape)" $want "$got"
		[ "$got" = 00000 ] && "${PSQL[@]}" -c "INSERT INTO t SELECT $i, q FROM bin" -c 'TRUNCATE bin'
	done
done

# text input, the same shapes
for d in $max $((max + 1)); do
	want=00000; [ $d -gt $max ] && want=54000
	got=$(ok_or -c "SELECT whosaid.to_actorquery(repeat('!', $d) || 'x')")
	expect "text input, $d operators (nots)" $want "$got"
	# n0 & ( n | n & ( … ( n | last ) … ) ): 2k + 2 operators, and a ! when d is odd
	k=$(((d - 2) / 2)) bang=
	[ $((d % 2)) = 1 ] && bang='!'
	got=$(ok_or -c "SELECT ('$bang( n0 & ' || repeat('( n | n & ', $k) || '( n | last' || repeat(' )', $((k + 2))))::whosaid.actorquery")
	expect "text input, $d operators (nest)" $want "$got"
done
"${PSQL[@]}" -c "INSERT INTO t VALUES (10, whosaid.to_actorquery(repeat('!', $max) || 'x'))"

# every stored value goes out and back in as text and as binary
for fmt in text binary; do
	"${PSQL[@]}" -c "\\copy t TO '$WORK/t.$fmt' WITH (FORMAT $fmt)"
	got=$(ok_or -c 'CREATE TEMP TABLE back (LIKE t)' -c "\\copy back FROM '$WORK/t.$fmt' WITH (FORMAT $fmt)")
	expect "copy out and in as $fmt" 00000 "$got"
done

# and a dump restores with every row
pg_dump -Fc -d "$db" -f "$WORK/dump"
testdb_create "${db}_r"
if pg_restore -d "${db}_r" --exit-on-error "$WORK/dump" 2>"$WORK/restore.err"; then
	n=$(psql -X -At -d "${db}_r" -c 'SELECT count(*) FROM t')
	m=$("${PSQL[@]}" -At -c 'SELECT count(*) FROM t')
	expect "pg_restore rows" "$m" "$n"
	same=$(psql -X -At -d "${db}_r" -c "SELECT string_agg(md5(q::text), ',' ORDER BY id) FROM t")
	orig=$("${PSQL[@]}" -At -c "SELECT string_agg(md5(q::text), ',' ORDER BY id) FROM t")
	expect "restored values" "$orig" "$same"
else
	echo "FAIL pg_restore:"
	head -n 5 "$WORK/restore.err"
	fail=1
fi
exit $fail
