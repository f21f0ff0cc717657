#!/usr/bin/env bash
# An engine failure raises an ERROR in SQL, never an empty result (test/cli/engine_errors.sh
# checks the CLI). The failure is real: a server of its own runs with test/cli/icu_fault.c
# preloaded, which makes ICU's ubrk_openBinaryRules fail while a marker file exists, so the engine
# cannot open its word break iterator. Nothing in the extension is there for the test.
#  1. without the marker, quotes() finds the quote;
#  2. with it, in new sessions, quotes(), actors(), to_actorvec(), highlight() and an
#     INSERT into a tracked table fail with SQLSTATE 38000 and the engine's message, and
#     the INSERT leaves no row;
#  3. the failure is not cached: once the marker is gone, the same session succeeds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=$(mktemp -d) # readable by the server's user: the library and the marker live here
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT

read -r -a icu_flags <<<"$(pkg-config --cflags icu-uc 2>/dev/null || true)"
cc -shared -fPIC -O1 -Wall -Wextra -Werror "${icu_flags[@]}" -o "$WORK/icu_fault.so" test/cli/icu_fault.c -ldl
MARK=$WORK/fault
export LD_PRELOAD=$WORK/icu_fault.so WHOSAID_ICU_FAULT_FILE=$MARK
unset PGHOST PGPORT PGDATABASE # the test cluster runs without the library: start our own
# shellcheck source=test/testdb.sh
source test/testdb.sh
# shellcheck disable=SC2317 # called on exit, through testdb_on_exit
remove_work() { rm -rf "$WORK"; }
testdb engine_errors_sql
testdb_on_exit remove_work
unset LD_PRELOAD # psql needs no fault

fail=0
quote='“We will win,” said Jane Smith.'
"${PSQL[@]}" -v body="$quote" >/dev/null <<-'SQL'
	CREATE EXTENSION whosaid;
	CREATE TABLE articles (id int PRIMARY KEY, body text);
	SELECT FROM whosaid.track('articles');
	CREATE TABLE bodies (body text);
	INSERT INTO bodies VALUES (:'body');
SQL

# 1. no fault
n=$("${PSQL[@]}" -At -c "SELECT count(*) FROM bodies, whosaid.quotes(body) q WHERE q.speaker = 'Jane Smith'")
if [ "$n" = 1 ]; then echo "ok   no fault: quotes() finds Jane Smith's quote"; else echo "FAIL no fault: $n quotes"; fail=1; fi

# 2. ICU fails: each statement in a new session (a backend that has not opened the iterator yet)
touch "$MARK"
for stmt in \
	"SELECT count(*) FROM bodies, whosaid.quotes(body)" \
	"SELECT count(*) FROM bodies, whosaid.actors(body)" \
	"SELECT whosaid.to_actorvec(body) FROM bodies" \
	"SELECT whosaid.highlight(body, 'Smith') FROM bodies" \
	"INSERT INTO articles SELECT 1, body FROM bodies"; do
	out=$("${PSQL[@]}" -At -v VERBOSITY=verbose -c "$stmt" 2>&1 || true)
	if [[ $out == *"ERROR:  38000: whosaid engine: could not open ICU's word break iterator: U_MISSING_RESOURCE_ERROR"* ]]; then
		echo "ok   fault: $stmt: ERROR 38000"
	else
		echo "FAIL fault: $stmt: want ERROR 38000, got: $out"
		fail=1
	fi
done
n=$("${PSQL[@]}" -At -c "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM articles_quotes)")
if [ "$n" = 0 ]; then echo "ok   fault: the failed INSERT left no row"; else echo "FAIL fault: $n rows in articles and articles_quotes"; fail=1; fi

# 3. the next call tries again
out=$("${PSQL[@]}" -At 2>&1 <<-'SQL' || true
	\set ON_ERROR_STOP 0
	SELECT count(*) FROM bodies, whosaid.quotes(body);
	\set ON_ERROR_STOP 1
	\! rm "$WHOSAID_ICU_FAULT_FILE"
	SELECT count(*) FROM bodies, whosaid.quotes(body) q WHERE q.speaker = 'Jane Smith';
SQL
)
if [[ $out == *"word break iterator"* && $out == *$'\n1' ]]; then
	echo "ok   the same session succeeds once ICU does"
else
	echo "FAIL after the fault: $out"
	fail=1
fi
exit $fail
