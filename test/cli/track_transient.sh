#!/usr/bin/env bash
# A transient error on the derived tables (here a lock timeout while another
# session holds <table>_quotes) fails the write to a tracked table, as it would
# on any table: the row is not committed without its quotes and actors
# (issue 21, item 9). Errors due to a text's content still fall back to
# extracting row by row (sql/track.sql).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb track_transient
locker=
stop_locker() {
	if [ -n "$locker" ]; then kill "$locker" 2>/dev/null || true; wait "$locker" 2>/dev/null || true; fi
}
testdb_on_exit stop_locker

"${PSQL[@]}" >/dev/null <<-'SQL'
	CREATE EXTENSION whosaid;
	CREATE TABLE tt (id int PRIMARY KEY, body text);
	SELECT FROM whosaid.track('tt');
	INSERT INTO tt VALUES (1, '"We will win," said Jane Smith.');
SQL

# Hold ACCESS EXCLUSIVE on the quotes table from another session until told to stop.
hold_lock() {
	"${PSQL[@]}" -c "BEGIN; LOCK TABLE tt_quotes IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;" \
		>/dev/null 2>&1 &
	locker=$!
	for _ in $(seq 100); do
		[ "$("${PSQL[@]}" -At -c "SELECT count(*) FROM pg_locks WHERE relation = 'tt_quotes'::regclass
			AND mode = 'AccessExclusiveLock' AND granted")" = 1 ] && return 0
		sleep 0.1
	done
	echo "FAIL: the locking session never got its lock"
	exit 1
}
release_lock() {
	"${PSQL[@]}" -c "SELECT pg_cancel_backend(pid) FROM pg_locks WHERE relation = 'tt_quotes'::regclass
		AND mode = 'AccessExclusiveLock' AND granted" >/dev/null
	wait "$locker" 2>/dev/null || true
	locker=
}
fails=0
expect_failure() { # what, sql
	local out
	if out=$("${PSQL[@]}" -c "SET lock_timeout = '300ms'" -c "$2" 2>&1); then
		echo "FAIL: $1 succeeded while the quotes table was locked: $out"
		fails=$((fails + 1))
	elif ! grep -q 'canceling statement due to lock timeout' <<<"$out"; then
		echo "FAIL: $1 failed with another error: $out"
		fails=$((fails + 1))
	else
		echo "ok: $1 fails with the lock timeout"
	fi
}

hold_lock
expect_failure "INSERT" "INSERT INTO tt VALUES (2, '\"Too early,\" said Bob Jones.')"
expect_failure "UPDATE of the body" "UPDATE tt SET body = '\"We lost,\" said Jane Smith.' WHERE id = 1"
release_lock

# nothing was committed half-done: row 2 does not exist, row 1 is unchanged and
# its derived rows are those of its body
state=$("${PSQL[@]}" -At -F' ' -c "
	SELECT (SELECT count(*) FROM tt),
	       (SELECT body FROM tt WHERE id = 1) = '\"We will win,\" said Jane Smith.',
	       (SELECT count(*) FROM (SELECT id, n, content, speaker FROM tt_quotes
	                              EXCEPT SELECT t.id, q.n, q.content, q.speaker FROM tt t, whosaid.quotes(t.body) q) d),
	       (SELECT count(*) FROM tt_quotes)")
if [ "$state" != "1 t 0 1" ]; then
	echo "FAIL: after the failed writes: rows, body unchanged, wrong quotes, quotes = $state (want 1 t 0 1)"
	fails=$((fails + 1))
fi
# once the lock is gone the same writes work
"${PSQL[@]}" -c "INSERT INTO tt VALUES (2, '\"Too early,\" said Bob Jones.')"
state=$("${PSQL[@]}" -At -c "SELECT count(*) FROM tt_quotes")
[ "$state" = 2 ] || { echo "FAIL: $state quotes after the lock was released (want 2)"; fails=$((fails + 1)); }

[ "$fails" = 0 ] || exit 1
echo "track_transient: ok"
