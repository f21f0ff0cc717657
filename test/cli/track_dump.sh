#!/usr/bin/env bash
# pg_dump and pg_restore of tracked tables (issue 21, item 12). The triggers
# carry their configuration as arguments, so after `pg_dump -n public` (which
# leaves out the whosaid schema and so the catalog whosaid.tracked) restored
# into a database with the extension, new and updated rows are still
# extracted, and backfill() takes the table back into the catalog. A whole
# database dump restores the catalog too. Both with a plain table whose body
# column was renamed and a partitioned table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=build/test-cli/track_dump
mkdir -p "$WORK"

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb_cluster
BIN=$(pg_config --bindir)
src=track_dump_src_$$ schema_only=track_dump_n_$$ whole=track_dump_all_$$
for d in "$src" "$schema_only" "$whole"; do testdb_create "$d"; done
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$@"; }

q "$src" >/dev/null <<-'SQL'
	CREATE EXTENSION whosaid;
	CREATE TABLE articles (id int PRIMARY KEY, story text);
	SELECT FROM whosaid.track('articles', body_column => 'story');
	INSERT INTO articles VALUES (1, '"We will win," said Jane Smith.');
	ALTER TABLE articles RENAME COLUMN story TO body_text;
	INSERT INTO articles VALUES (2, '"Too early," said Bob Jones.');
	CREATE TABLE feed (id int, region text, body text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
	CREATE TABLE feed_uk PARTITION OF feed FOR VALUES IN ('uk');
	CREATE TABLE feed_us PARTITION OF feed FOR VALUES IN ('us');
	SELECT FROM whosaid.track('feed');
	INSERT INTO feed VALUES (1, 'uk', '"Rain," said Anna Lee.'), (2, 'us', '"Sun," said Carl Rossi.');
SQL

"$BIN/pg_dump" -Fc -n public -f "$WORK/public.dump" "$src"
q "$schema_only" -c 'CREATE EXTENSION whosaid' -c 'DROP SCHEMA public' # the dump creates it
"$BIN/pg_restore" --exit-on-error -d "$schema_only" "$WORK/public.dump"
"$BIN/pg_dump" -Fc -f "$WORK/all.dump" "$src"
"$BIN/pg_restore" --exit-on-error -d "$whole" "$WORK/all.dump"

# state: catalog rows, then per table quotes and how many differ from quotes()
state() {
	q "$1" -At -F' ' <<-'SQL'
		SELECT (SELECT count(*) FROM whosaid.tracked),
		       (SELECT count(*) FROM articles_quotes),
		       (SELECT count(*) FROM ((SELECT id, n, speaker FROM articles_quotes
		                               EXCEPT ALL SELECT a.id, x.n, x.speaker FROM articles a, whosaid.quotes(a.body_text) x)
		                              UNION ALL
		                              (SELECT a.id, x.n, x.speaker FROM articles a, whosaid.quotes(a.body_text) x
		                               EXCEPT ALL SELECT id, n, speaker FROM articles_quotes)) d),
		       (SELECT count(*) FROM feed_quotes),
		       (SELECT count(*) FROM ((SELECT id, region, n, speaker FROM feed_quotes
		                               EXCEPT ALL SELECT f.id, f.region, x.n, x.speaker FROM feed f, whosaid.quotes(f.body) x)
		                              UNION ALL
		                              (SELECT f.id, f.region, x.n, x.speaker FROM feed f, whosaid.quotes(f.body) x
		                               EXCEPT ALL SELECT id, region, n, speaker FROM feed_quotes)) d)
	SQL
}
write() {
	q "$1" <<-'SQL'
		INSERT INTO articles VALUES (3, '"Restored," said Dana Park.');
		UPDATE articles SET body_text = '"We lost," said Jane Smith.' WHERE id = 1;
		INSERT INTO feed VALUES (3, 'uk', '"Fog," said Erin Cole.');
		INSERT INTO feed_us VALUES (4, 'us', '"Heat," said Bob Jones.');
		UPDATE feed_uk SET body = '"Hail," said Anna Lee.' WHERE id = 1;
	SQL
}
fails=0
check() { # label, db, want
	local got
	got=$(state "$2")
	if [ "$got" = "$3" ]; then
		echo "ok: $1: $got"
	else
		echo "FAIL: $1: catalog rows, articles quotes, wrong, feed quotes, wrong = $got (want $3)"
		fails=$((fails + 1))
	fi
}

check "pg_dump -n public, restored" "$schema_only" "0 2 0 2 0"
write "$schema_only"
check "pg_dump -n public, after writes" "$schema_only" "0 3 0 4 0"
q "$schema_only" -c "SET client_min_messages = warning" -c "CALL whosaid.backfill('articles')" -c "CALL whosaid.backfill('feed')"
check "pg_dump -n public, after backfill" "$schema_only" "2 3 0 4 0"

check "whole database, restored" "$whole" "2 2 0 2 0"
write "$whole"
check "whole database, after writes" "$whole" "2 3 0 4 0"

[ "$fails" = 0 ] || exit 1
echo "track_dump: ok"
