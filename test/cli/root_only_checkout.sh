#!/usr/bin/env bash
# make test must pass from a checkout the server cannot read (a `git clone` into a
# `mktemp -d` directory, mode 700, as CI does; issue 21, item 15): tests read their
# fixtures client-side (psql's \set x `cat file`), never with pg_read_file or a
# server-side COPY FROM a file of the checkout.
#
# 1. No regression test or spec reads a file through the server.
# 2. As root, with the server running as another user: copy the checkout into a
#    mode-700 directory that user cannot read and run pg_regress there on every test
#    that reads fixtures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD

bad=$(grep -lE 'pg_read_(binary_)?file|pg_stat_file|pg_ls_dir|lo_import *\(' sql/*.sql specs/*.spec 2>/dev/null || true)
bad+=$(grep -lE "COPY .* FROM +'[^']*(abs_srcdir|fixtures)" sql/*.sql specs/*.spec 2>/dev/null || true)
if [ -n "$bad" ]; then
	echo "tests that read files through the server (read them with psql instead):"
	# shellcheck disable=SC2086 # one file name per word
	printf '  %s\n' $bad
	exit 1
fi
echo "ok: no test reads a file through the server"

if [ "$(id -u)" -ne 0 ]; then
	echo "not root: the server runs as this user and reads any directory it can; step 2 skipped"
	exit 0
fi

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb_cluster
server_user=$(psql -X -At -d postgres -c "SELECT pg_catalog.current_setting('data_directory')" |
	xargs stat -c %U)

work=$(mktemp -d) # mode 700, owned by root
remove_work() { rm -rf "$work"; }
testdb_on_exit remove_work
testdb_drop_on_exit whosaid_root_only
if [ "$server_user" = root ] || runuser -u "$server_user" -- test -r "$work" 2>/dev/null; then
	echo "the server (user $server_user) can read $work; step 2 would prove nothing, skipped"
	exit 0
fi

mkdir "$work/checkout"
tar -C "$ROOT" -cf - sql expected test/fixtures | tar -C "$work/checkout" -xf -
mapfile -t tests < <(grep -lE 'PG_ABS_SRCDIR|abs_srcdir|test/fixtures' sql/*.sql | xargs -n1 basename | sed 's/\.sql$//')
if [ ${#tests[@]} -eq 0 ]; then
	echo "no test reads fixtures"
	exit 0
fi
echo "pg_regress from $work/checkout (unreadable by $server_user): ${tests[*]}"
regress=$(dirname "$(pg_config --pgxs)")/../test/regress/pg_regress
rc=0
(cd "$work/checkout" && "$regress" --inputdir=. --bindir="$(pg_config --bindir)" \
	--load-extension=whosaid --dbname=whosaid_root_only "${tests[@]}") || rc=$?
if [ "$rc" -ne 0 ]; then
	head -n 60 "$work/checkout/regression.diffs" 2>/dev/null || true
	exit 1
fi
