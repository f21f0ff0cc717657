#!/usr/bin/env bash
# Denial of service through the query-layer types (issue 21, items 1 and 2):
#  - actorvec / actorquery text input is linear in time and memory (it copied the rest
#    of the input per quoted name: a 143 kB value peaked at 380 MB, 0.93 MB at 1.4 GB);
#  - actorvec @@ actorquery, @>, <@ and && are near-linear in both sides and a statement
#    timeout stops them (pairwise comparison ran 34 s uncancellable at 60,000 names).
# The large values of the matching part are loaded through binary COPY, so that part
# does not depend on the text parser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=build/test-cli/actorvec_linear
mkdir -p "$WORK"

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb actorvec_linear
"${PSQL[@]}" -c 'CREATE EXTENSION whosaid'
fail=0

# measure SETUP STATEMENT: run SETUP, then STATEMENT in the same fresh backend; prints
# "<ms> <peak kB added by STATEMENT> <sqlstate or 00000>"
measure() {
	"${PSQL[@]}" -At -v setup="$1" -v stmt="$2" <<-'SQL'
		SET search_path = whosaid, public;
		:setup;
		SELECT pg_backend_pid() AS pid \gset
		\setenv WS_PID :pid
		\! grep VmHWM /proc/$WS_PID/status | tr -dc 0-9 > build/test-cli/actorvec_linear/hwm0
		\set ON_ERROR_STOP 0
		SELECT extract(epoch FROM clock_timestamp()) * 1000 AS t0 \gset
		:stmt;
		\set ON_ERROR_STOP 1
		\! grep VmHWM /proc/$WS_PID/status | tr -dc 0-9 > build/test-cli/actorvec_linear/hwm1
		SELECT round(extract(epoch FROM clock_timestamp()) * 1000 - :t0) || ' - ' || :'SQLSTATE';
	SQL
}
# The peak is read client-side from /proc (the server's own file access is not needed).
peak_added() { echo $(($(cat "$WORK/hwm1") - $(cat "$WORK/hwm0"))); }

vec_text="SELECT string_agg(format('''Person%s Name%s''/''N%s'':person', i, i, i), ' ') AS x FROM generate_series(1, @N@) i"
query_text="SELECT string_agg(format('\"Person%s Name%s\"', i, i), ' | ') AS x FROM generate_series(1, @N@) i"

# ---- item 2: text input, memory first (small enough not to hurt a quadratic build)
for kind in actorvec actorquery; do
	if [ $kind = actorvec ]; then gen=$vec_text; else gen=$query_text; fi
	for n in 5000 50000; do
		read -r ms _ state < <(measure "CREATE TEMP TABLE src AS ${gen//@N@/$n}" \
			"SELECT pg_column_size(x::$kind) FROM src" | tail -n 1)
		added=$(peak_added)
		len=$("${PSQL[@]}" -At -c "SELECT length(x) FROM (${gen//@N@/$n}) s")
		echo "$kind text input: $n names, $len bytes: $ms ms, peak +$added kB ($state)"
		eval "ms_${kind}_$n=$ms"
		# linear memory: well under 40 bytes of working memory per input byte
		if [ "$state" != 00000 ] || [ $((added * 1024)) -gt $((40 * len + 8 * 1024 * 1024)) ]; then
			echo "FAIL: $kind input of $len bytes used $added kB"
			fail=1
			break 2
		fi
	done
done
if [ $fail = 0 ]; then
	# 10x the input, at most 30x the time (quadratic would be 100x); 200 ms of slack
	for kind in actorvec actorquery; do
		small=$(eval echo "\$ms_${kind}_5000")
		big=$(eval echo "\$ms_${kind}_50000")
		if [ "$big" -gt $((30 * small + 200)) ]; then
			echo "FAIL: $kind input 10x larger took ${big} ms against ${small} ms"
			fail=1
		fi
	done
fi

# ---- item 1: matching, values loaded in binary
"${PSQL[@]}" -c 'CREATE TABLE v (v whosaid.actorvec)' -c 'CREATE TABLE q (q whosaid.actorquery)' \
	-c 'CREATE TABLE c (a whosaid.actorvec, b whosaid.actorvec)'
n=60000
python3 test/cli/actor_values.py vec $n 'Person{i} Name{i}' person >"$WORK/v.bin"
python3 test/cli/actor_values.py query $n 'Other{i} X{i}' or >"$WORK/q.bin"
"${PSQL[@]}" -c "\\copy v FROM '$WORK/v.bin' WITH (FORMAT binary)" \
	-c "\\copy q FROM '$WORK/q.bin' WITH (FORMAT binary)"
# 5,000 spellings of one name on each side, of different kinds: same name, no fit
python3 test/cli/actor_values.py cases 5000 'Abigail Fitzgerald' person >"$WORK/a.bin"
python3 test/cli/actor_values.py cases 5000 'Abigail Fitzgerald' org >"$WORK/b.bin"
"${PSQL[@]}" -c 'CREATE TEMP TABLE a (v whosaid.actorvec)' \
	-c "\\copy a FROM '$WORK/a.bin' WITH (FORMAT binary)" \
	-c 'CREATE TEMP TABLE b (v whosaid.actorvec)' \
	-c "\\copy b FROM '$WORK/b.bin' WITH (FORMAT binary)" \
	-c 'INSERT INTO c SELECT a.v, b.v FROM a, b'

check() {						# check LABEL MAX_MS EXPECTED_STATE STATEMENT
	local ms state
	read -r ms _ state < <(measure "SET statement_timeout = '${5:-60s}'" "$4" | tail -n 1)
	echo "$1: $ms ms ($state)"
	if [ "$ms" -gt "$2" ] || { [ "$3" != any ] && [ "$state" != "$3" ]; }; then
		echo "FAIL: $1 took $ms ms ($state), expected at most $2 ms ($3)"
		fail=1
	fi
}
check "@@ with $n names on each side" 10000 00000 'SELECT v @@ q FROM v, q'
check "actorquery @@ actorvec, $n names" 10000 00000 'SELECT q @@ v FROM v, q'
check "@@ of $n names, all present" 10000 00000 \
	"SELECT v @@ (SELECT string_agg(format('\"Person%s Name%s\"', i, i), ' & ')::actorquery FROM generate_series(1, $n) i) FROM v"
check "@> and <@ of $n names" 10000 00000 'SELECT v @> v, v <@ v FROM v'
check "&& of $n names" 10000 00000 'SELECT v && v FROM v'
check "@> of 5,000 spellings of one name" 10000 00000 'SELECT a @> b, b <@ a, a && b FROM c'
# a statement timeout ends the statement within a few seconds, done or cancelled
check "@@ under a 300 ms statement timeout" 3000 any 'SELECT v @@ q FROM v, q' 300ms

# the answers
got=$("${PSQL[@]}" -At -c "SET search_path = whosaid, public" -c "
	SELECT v @@ q, v @@ 'person:\"Person77 Name77\" & Name60000 & !org:Name5'::actorquery,
	       v @@ 'speaker:Name77'::actorquery, v @> v, v && v FROM v, q" \
	-c 'SELECT a @> b, b <@ a, a && b, a @> a, b && b FROM c')
want=$'f|t|f|t|t\nf|f|f|t|t'
if [ "$got" != "$want" ]; then
	echo "FAIL: answers"
	diff <(echo "$want") <(echo "$got") || true
	fail=1
fi
exit $fail
