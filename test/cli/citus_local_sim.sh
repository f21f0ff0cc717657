#!/usr/bin/env bash
# whosaid.track() on a Citus local table, simulated in plain PostgreSQL (issue 23, section 3;
# test/citus.sh runs the real thing where Citus is installed). What Citus does to a table
# given to citus_add_local_table_to_metadata(): its rows live in a shard, a table of the same
# columns named <table>_<shardid> and listed in pg_dist_shard; every trigger created on the
# table (the "shell") is created on the shard too, with the same definition and arguments,
# and fires there, where the rows are written. The simulation, in a database of its own:
# Citus's catalogs pg_dist_partition and pg_dist_shard and its shard_name() (made with
# allow_system_table_mods), an event trigger that copies CREATE TRIGGER from a shell to its
# shard as Citus's utility hook does, and writes made on the shard. Citus keeps the derived
# tables' foreign keys between shards; plain PostgreSQL has no such shards, so they are
# dropped here.
#
# Checks: after track() the shard carries both triggers; rows inserted into and updated in
# the shard land in the derived tables; DDL on the tracked table, which refreshes its
# triggers (whosaid.tracked_ddl), leaves the shard's triggers alone. Before, the refresh
# took the shard for a detached partition and dropped its triggers, in track() itself, so
# nothing was stored.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if [ -z "${PGHOST:-}" ]; then
	# shellcheck source=test/cluster.sh
	source test/cluster.sh
	cluster_start
fi
db=citus_local_sim_$$
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" || true
	if declare -F cluster_stop >/dev/null; then cluster_stop; fi
}
trap cleanup EXIT
psql -X -q -d postgres -c "CREATE DATABASE $db"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

q >/dev/null <<-'SQL'
	CREATE EXTENSION whosaid;
	-- Citus's metadata, as far as whosaid reads it
	SET allow_system_table_mods = on;
	CREATE TABLE pg_catalog.pg_dist_partition (logicalrelid regclass, partmethod "char", repmodel "char");
	CREATE TABLE pg_catalog.pg_dist_shard (logicalrelid regclass, shardid bigint);
	RESET allow_system_table_mods;
	-- as Citus's shard_name(): unqualified in schema public, qualified elsewhere
	CREATE FUNCTION pg_catalog.shard_name(rel regclass, shardid bigint) RETURNS text
	LANGUAGE sql STABLE
	RETURN (SELECT CASE WHEN n.nspname = 'public' THEN quote_ident(c.relname || '_' || shardid)
				   ELSE format('%I.%I', n.nspname, c.relname || '_' || shardid) END
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = rel);
	-- Citus's utility hook: a trigger created on a shell is created on its shard too
	CREATE FUNCTION citus_sim_copy_triggers() RETURNS event_trigger
	LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
	DECLARE
		t record;
	BEGIN
		FOR t IN
			SELECT pg_get_triggerdef(g.oid) AS def, s.logicalrelid, s.shardid
			FROM pg_event_trigger_ddl_commands() c
				JOIN pg_trigger g ON g.oid = c.objid
				JOIN pg_dist_shard s ON s.logicalrelid = g.tgrelid
			WHERE c.command_tag = 'CREATE TRIGGER'
		LOOP
			EXECUTE regexp_replace(t.def, ' ON \S+ ',
								   ' ON ' || shard_name(t.logicalrelid, t.shardid) || ' ');
		END LOOP;
	END
	$$;
	CREATE EVENT TRIGGER citus_sim ON ddl_command_end WHEN TAG IN ('CREATE TRIGGER')
		EXECUTE FUNCTION citus_sim_copy_triggers();

	-- citus_add_local_table_to_metadata('local_articles')
	CREATE TABLE local_articles (id bigint PRIMARY KEY, body text);
	CREATE TABLE local_articles_102008 (LIKE local_articles INCLUDING ALL);
	INSERT INTO pg_dist_partition VALUES ('local_articles', 'n', 's');
	INSERT INTO pg_dist_shard VALUES ('local_articles', 102008);

	SELECT FROM whosaid.track('local_articles');
	ALTER TABLE local_articles_quotes DROP CONSTRAINT local_articles_quotes_id_fkey;
	ALTER TABLE local_articles_actors DROP CONSTRAINT local_articles_actors_id_fkey;
SQL

fails=0
expect() { # label, got, want
	if [ "$2" = "$3" ]; then
		echo "ok   $1: $2"
	else
		echo "FAIL $1: got '$2', want '$3'"
		fails=$((fails + 1))
	fi
}
shard_triggers() {
	q -c "SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'local_articles_102008'::regclass"
}

expect "shard's triggers after track()" "$(shard_triggers)" "whosaid_track_insert,whosaid_track_update"
q >/dev/null <<-'SQL'
	INSERT INTO local_articles_102008 VALUES (1, '"We will win," said Jane Smith.'), (2, '"Too early," said Bob Jones.');
	UPDATE local_articles_102008 SET body = '"We lost," said Carl Rossi.' WHERE id = 2;
SQL
expect "quotes of rows written to the shard" \
	"$(q -c "SELECT string_agg(id || ':' || speaker, ',' ORDER BY id) FROM local_articles_quotes")" \
	"1:Jane Smith,2:Carl Rossi"
expect "actors of rows written to the shard" \
	"$(q -c "SELECT string_agg(id || ':' || actor, ',' ORDER BY id, actor) FROM local_articles_actors")" \
	"1:Jane Smith,2:Carl Rossi"

# DDL on the tracked table refreshes its triggers (Citus applies it to the shard as well)
q -c 'ALTER TABLE local_articles ADD COLUMN published timestamptz' \
	-c 'ALTER TABLE local_articles_102008 ADD COLUMN published timestamptz' >/dev/null
expect "shard's triggers after ALTER TABLE" "$(shard_triggers)" "whosaid_track_insert,whosaid_track_update"
q -c "INSERT INTO local_articles_102008 (id, body) VALUES (3, '\"Not yet,\" said Ann Lee.')" >/dev/null
expect "quotes after ALTER TABLE" \
	"$(q -c "SELECT string_agg(id || ':' || speaker, ',' ORDER BY id) FROM local_articles_quotes")" \
	"1:Jane Smith,2:Carl Rossi,3:Ann Lee"

[ "$fails" = 0 ] || exit 1
