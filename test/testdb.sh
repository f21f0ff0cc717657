# shellcheck shell=bash
# test/testdb.sh — the cluster and databases of a script test (test/cli/*.sh). Sourced;
# it lives here, not in test/cli/, because every file there is run as a test.
#
#   source test/testdb.sh
#   testdb NAME              the usual start: testdb_cluster, then a fresh database
#                            NAME_<pid> in $db, with PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$db")
#   testdb_cluster           the cluster PGHOST points at (test/run.sh's); run standalone,
#                            a throwaway one of test/cluster.sh's, stopped on exit
#   testdb_create DB         creates database DB, dropped on exit
#   testdb_drop_on_exit DB   drops DB on exit (a database something else creates)
#   testdb_on_exit FUNC      runs function FUNC on exit, before the databases are dropped
#
# This file owns the EXIT trap (set by testdb_cluster): add to it with testdb_on_exit, not
# with trap. Databases are dropped WITH (FORCE), so a session left behind cannot keep one.

TESTDB_DBS=()
TESTDB_ON_EXIT=()

testdb_cleanup() {
	local c d
	for c in "${TESTDB_ON_EXIT[@]}"; do
		"$c" || true
	done
	for d in "${TESTDB_DBS[@]}"; do
		psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" || true
	done
	if declare -F cluster_stop >/dev/null; then cluster_stop; fi
}

testdb_cluster() {
	if [ -z "${PGHOST:-}" ]; then
		# shellcheck source=test/cluster.sh
		source test/cluster.sh
		cluster_start
	fi
	trap testdb_cleanup EXIT
}

testdb_drop_on_exit() {
	TESTDB_DBS+=("$1")
}

testdb_create() {
	psql -X -q -d postgres -c "CREATE DATABASE $1"
	testdb_drop_on_exit "$1"
}

testdb_on_exit() {
	TESTDB_ON_EXIT+=("$1")
}

testdb() {
	testdb_cluster
	db=$1_$$
	# shellcheck disable=SC2034 # for the script that sources this file
	PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$db")
	testdb_create "$db"
}
