#!/usr/bin/env bash
# test/citus.sh — whosaid.track() on Citus (issue 23, section 3), run when a
# `citus` extension is installed in this PostgreSQL; exits 77 saying so when
# not (Citus cannot be fetched in CI and has no package for this machine).
#
#   bash test/citus.sh        # its own single-node cluster, citus preloaded
#
# Checks, on a coordinator that also holds shards:
#   - a Citus local table: track() works and INSERT/UPDATE are extracted (the
#     triggers fire on the shard, whose oid is not the tracked one; they carry
#     their configuration as arguments, so they do not need it; and refreshing
#     the table's triggers leaves the shard's copies alone), also after an
#     ALTER TABLE, which refreshes them (test/cli/citus_local_sim.sh simulates
#     this case without Citus);
#   - a distributed and a reference table: track() refuses, pointing to the
#     generated-column path, instead of Citus's own trigger errors;
#   - the generated actorvec column on a distributed table and quotes() at
#     query time on it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -f "$(pg_config --sharedir)/extension/citus.control" ]; then
	echo "skipped: no citus extension in $(pg_config --sharedir)/extension (install Citus for PostgreSQL $(pg_config --version | sed 's/[^0-9]*\([0-9]*\).*/\1/') to run these checks)"
	exit 77
fi

# shellcheck source=test/cluster.sh
source test/cluster.sh
cluster_start
echo "shared_preload_libraries = 'citus'" >>"$CLUSTER_DIR/data/postgresql.conf"
_cluster_as_owner "$(pg_config --bindir)/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" \
	-o "-p $PGPORT" -w -t 60 restart >/dev/null

q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
q -c 'CREATE EXTENSION citus' -c 'CREATE EXTENSION whosaid' >/dev/null
q -c "SELECT citus_set_coordinator_host('localhost', $PGPORT)" >/dev/null

fails=0
expect() { # label, got, want
	if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}

# a Citus local table
q >/dev/null <<-'SQL'
	CREATE TABLE local_articles (id bigint PRIMARY KEY, body text);
	SELECT citus_add_local_table_to_metadata('local_articles');
	SELECT FROM whosaid.track('local_articles');
	INSERT INTO local_articles VALUES (1, '"We will win," said Jane Smith.'), (2, '"Too early," said Bob Jones.');
	UPDATE local_articles SET body = '"We lost," said Carl Rossi.' WHERE id = 2;
SQL
expect "local table: quotes stored" "$(q -At -c "SELECT string_agg(speaker, ',' ORDER BY id) FROM local_articles_quotes")" "Jane Smith,Carl Rossi"
q -c 'ALTER TABLE local_articles ADD COLUMN published timestamptz' \
	-c "INSERT INTO local_articles (id, body) VALUES (3, '\"Not yet,\" said Ann Lee.')" >/dev/null
expect "local table: quotes stored after ALTER TABLE" "$(q -At -c "SELECT string_agg(speaker, ',' ORDER BY id) FROM local_articles_quotes")" "Jane Smith,Carl Rossi,Ann Lee"

# distributed and reference tables are refused with the way to go
q -c "CREATE TABLE dist (id bigint PRIMARY KEY, body text)" -c "SELECT create_distributed_table('dist', 'id')" >/dev/null
q -c "CREATE TABLE ref (id bigint PRIMARY KEY, body text)" -c "SELECT create_reference_table('ref')" >/dev/null
for t in dist ref; do
	out=$(psql -X -q -c "SELECT whosaid.track('$t')" 2>&1 || true)
	if grep -q "cannot track $t because it is a Citus" <<<"$out" && grep -q "generated column" <<<"$out"; then
		echo "ok: $t refused"
	else
		echo "FAIL: $t: $out"
		fails=$((fails + 1))
	fi
done

# the documented path on a distributed table
q >/dev/null <<-'SQL'
	CREATE TABLE docs (id bigint PRIMARY KEY, body text,
		actors whosaid.actorvec GENERATED ALWAYS AS (whosaid.to_actorvec(body)) STORED);
	SELECT create_distributed_table('docs', 'id');
	CREATE INDEX ON docs USING gin (actors);
	INSERT INTO docs (id, body) VALUES (1, '"We will win," said Jane Smith.'), (2, '"Too early," said Bob Jones.');
SQL
expect "generated column: quotes at query time" \
	"$(q -At -c "SELECT count(*) FROM docs d, whosaid.quotes(d.body) x")" 2

[ "$fails" = 0 ] || exit 1
echo "citus: ok"
