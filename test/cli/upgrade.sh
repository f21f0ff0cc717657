#!/usr/bin/env bash
# ALTER EXTENSION whosaid UPDATE from every released version to the current one
# (default_version in whosaid.control) keeps a database working and leaves exactly
# what a fresh CREATE EXTENSION creates.
#
# For each released version OLD (a frozen install script whosaid--OLD.sql), two databases
# run the same statements: "up" installs OLD, tracks tables, fills them, indexes a stored
# generated actorvec column, then updates to the current version; "fresh" does the same
# under the current version from the start. Then, in order:
#   1. the released install script is unchanged (its SHA-256 is recorded below);
#   2. right after the update, the rows extracted under OLD are intact;
#   3. writes after the update (insert, body update, delete, backfill of rows that
#      predate track(), a new track(), untrack()) work: every side table equals
#      recomputation with whosaid.quotes()/actors(), and has rows from the new writes;
#   4. the GIN index on the generated actorvec column is used and gives the same rows as
#      a sequential scan, for rows written before and after the update;
#   5. the extension's member objects, and every object's definition in the whole
#      database (pg_dump --binary-upgrade --schema-only: functions with their settings,
#      cost and support, types, operators, operator classes, tables, policies, grants,
#      event triggers, and the tracked tables' triggers, side tables and views) are the
#      same in "up" and "fresh";
#   6. the extension's functions, the side tables and the views return the same rows.
# A difference in 5 means a change to src/sql/ has no counterpart in the update script
# (whosaid--OLD--NEW.sql): the diff shows what the update leaves different.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=build/test-cli/upgrade
rm -rf "$WORK"
mkdir -p "$WORK"

# Released install scripts are never edited: a fix goes into the next update script.
declare -A FROZEN=(
	[0.1]=925ac87d946b3c6f537b4f0b1c9bbea2f0b2a093811c47a734570e8219cf5554
)
NEW=$(sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" whosaid.control)

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb_cluster

FAILED=0
fail() {
	echo "FAIL: $*"
	FAILED=1
}
# psql on database $1 that stops at the first error; the rest of the arguments are psql's.
sql() {
	local db=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}

# ------------------------------------------------------------------ the statements both run

# Tables and rows before the update. Texts: the seed articles, short inline articles and
# generated one-liners naming people and organisations (enough rows for the GIN index to
# matter).
setup() {
	sql "$1" -c 'CREATE TABLE seed (file text, body text)'
	python3 test/texts.py csv test/fixtures/seeds/*.txt |
		sql "$1" -c '\copy seed FROM STDIN WITH (FORMAT csv)'
	sql "$1" >/dev/null <<-'EOF'
		SET client_min_messages = warning;
		CREATE TABLE articles (id int PRIMARY KEY, body text NOT NULL, published timestamptz);
		GRANT SELECT ON articles TO PUBLIC;	-- readers of a tracked table may read its side tables
		SELECT * FROM whosaid.track('articles');
		INSERT INTO articles
		SELECT row_number() OVER (ORDER BY file COLLATE "C"), body, timestamptz '2026-01-01' + row_number() OVER (ORDER BY file COLLATE "C") * interval '1 day'
		FROM seed WHERE file COLLATE "C" < '002';
		INSERT INTO articles VALUES
			(10, '"We will not back down," said Angela Merkel, the German chancellor, in Berlin on Monday.', '2026-02-01'),
			(11, 'Microsoft said it had fixed the flaw. "Customers are protected," a spokesman said.', '2026-02-02'),
			(12, 'No quotes here, and nobody named.', NULL);

		-- Rows that predate track(): extracted by whosaid.backfill() after the update.
		CREATE TABLE backlog (id bigint PRIMARY KEY, body varchar NOT NULL);
		INSERT INTO backlog VALUES
			(1, '"The budget is balanced," Rishi Sunak told reporters.'),
			(2, 'Greenpeace said the plan was "a step backwards".');
		SELECT * FROM whosaid.track('backlog', prefix => 'bl');

		-- Untracked after the update, its side tables and views dropped.
		CREATE TABLE gone (id int PRIMARY KEY, body text);
		SELECT * FROM whosaid.track('gone');
		INSERT INTO gone VALUES (1, '"Goodbye," said Jane Smith.');

		CREATE TABLE docs (
			id int PRIMARY KEY,
			body text NOT NULL,
			actors whosaid.actorvec GENERATED ALWAYS AS (whosaid.to_actorvec(body)) STORED);
		CREATE INDEX docs_actors ON docs USING gin (actors);
		INSERT INTO docs SELECT 1000 + row_number() OVER (ORDER BY file COLLATE "C"), body FROM seed;
		INSERT INTO docs
		SELECT i, format('%s said on %s that %s would review the %s contract. "It is %s," %s added.',
				(ARRAY['Angela Merkel', 'Andrew Parker', 'Jane Smith', 'Rishi Sunak', 'Mark Zuckerberg'])[1 + i % 5],
				(ARRAY['Monday', 'Tuesday', 'Friday'])[1 + i % 3],
				(ARRAY['Facebook', 'Microsoft', 'the BBC', 'Greenpeace'])[1 + i % 4],
				(ARRAY['defence', 'health', 'energy'])[1 + i % 3],
				(ARRAY['fair', 'too late', 'a good start'])[1 + i % 3],
				(ARRAY['he', 'she'])[1 + i % 2])
		FROM generate_series(1, 300) i;

		-- What OLD extracted, to compare with right after the update.
		CREATE TABLE snap_quotes AS SELECT id, n, kind, content, content_span, speaker, speaker_mention,
			speaker_span, cue, cue_span FROM articles_quotes;
		CREATE TABLE snap_actors AS SELECT id, n, actor, kind, role, affiliation, aliases, mentions,
			first_span FROM articles_actors;
		CREATE TABLE snap_docs AS SELECT id, actors::text AS actors FROM docs;
		ANALYZE;
	EOF
}

# Writes after the update.
writes() {
	sql "$1" >/dev/null <<-'EOF'
		SET client_min_messages = warning;
		-- claims for a table tracked before the update (docs/upgrading.md): its quotes now, new ones from here
		SELECT whosaid.track_claims('articles');
		INSERT INTO articles SELECT 3, body, '2026-01-03' FROM seed WHERE file LIKE '002%';
		INSERT INTO articles VALUES
			(13, '"Prices will fall next year," said Christine Lagarde, the president of the European Central Bank.', '2026-02-03');
		UPDATE articles SET body = body || ' "We are ready," said Olaf Scholz.' WHERE id = 10;
		UPDATE articles SET published = published + interval '1 hour' WHERE id = 11;
		DELETE FROM articles WHERE id = 12;
		CALL whosaid.backfill('backlog');
		INSERT INTO backlog VALUES (3, '"It is over," said Boris Johnson.');

		SELECT whosaid.untrack('gone', drop_tables => true);
		INSERT INTO gone VALUES (2, '"Hello again," said Jane Smith.');

		CREATE TABLE later (id int PRIMARY KEY, body text);
		SELECT * FROM whosaid.track('later');
		INSERT INTO later VALUES (1, 'Andrew Parker said: "The threat is real."');

		INSERT INTO docs SELECT 2000 + i, format('"We disagree," said %s of %s.',
				(ARRAY['Angela Merkel', 'Christine Lagarde', 'Mark Zuckerberg'])[1 + i % 3],
				(ARRAY['Facebook', 'the BBC', 'Greenpeace'])[1 + i % 3])
		FROM generate_series(1, 60) i;
		UPDATE docs SET body = body || ' Mark Zuckerberg agreed.' WHERE id BETWEEN 1 AND 20;
		ANALYZE;
	EOF
}

# ------------------------------------------------------------------ what is compared

# The queries whose results must be the same after an update and after a fresh install.
# Everything ordered by numbers or in the "C" collation.
RESULTS=$(
	cat <<-'EOF'
		SELECT a.id, q.* FROM articles a, whosaid.quotes(a.body) q ORDER BY 1, 2;
		SELECT a.id, m.* FROM articles a, whosaid.mentions(a.body) m ORDER BY 1, 2;
		SELECT a.id, x.* FROM articles a, whosaid.actors(a.body) x ORDER BY 1, 2 COLLATE "C";
		SELECT a.id, whosaid.to_actorvec(a.body) FROM articles a ORDER BY 1;
		SELECT a.id, whosaid.highlight(a.body, whosaid.to_actorquery('"Andrew Parker" | speaker:Facebook')) FROM articles a ORDER BY 1;
		SELECT whosaid.to_actorquery('speaker:"Angela Merkel" & !org:BBC')::text;
		SELECT * FROM articles_quotes ORDER BY id, n;
		SELECT * FROM articles_actors ORDER BY id, n;
		SELECT * FROM bl_quotes ORDER BY id, n;
		SELECT * FROM bl_actors ORDER BY id, n;
		SELECT * FROM later_quotes ORDER BY id, n;
		SELECT * FROM articles_who_said_what ORDER BY id, n;
		SELECT * FROM articles_named_actors ORDER BY id, actor COLLATE "C";
		SELECT * FROM articles_top_speakers ORDER BY speaker COLLATE "C";
		SELECT * FROM articles_actor_pairs ORDER BY actor COLLATE "C", other_actor COLLATE "C", kind COLLATE "C";
		SELECT * FROM whosaid.top_speakers('articles') ORDER BY speaker COLLATE "C";
		SELECT * FROM whosaid.cooccurring_actors('articles', 'Andrew Parker') ORDER BY actor COLLATE "C";
		SELECT * FROM articles_claims ORDER BY claim;
		SELECT * FROM articles_claim_spread ORDER BY claim, day;
		SELECT * FROM articles_disputed_claims ORDER BY claim, speaker COLLATE "C";
		SELECT w.* FROM articles_claims c, whosaid.who_said('articles', c.content, 3) w ORDER BY c.claim, w.claim;
		SELECT id, actors FROM docs ORDER BY id;
		SELECT to_jsonb(t) - 'tracked_at' - 'backfilled_at' FROM whosaid.tracked t ORDER BY relid::text COLLATE "C";
		SELECT extconfig::regclass[]::text, extcondition FROM pg_extension WHERE extname = 'whosaid';
	EOF
)

members() {
	sql "$1" -At -c "
		SELECT pg_describe_object(d.classid, d.objid, d.objsubid) COLLATE \"C\"
		FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
		WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'whosaid'
		ORDER BY 1"
}

# The function attributes at a glance (pg_dump has them too, spread out).
functions() {
	sql "$1" -At -F ' | ' -c "
		SELECT p.oid::regprocedure::text COLLATE \"C\", p.prokind, p.provolatile, p.proparallel,
			p.proisstrict, p.prosecdef, p.procost, p.prorows, p.prosupport, p.proconfig, p.proacl
		FROM pg_proc p WHERE p.pronamespace = 'whosaid'::regnamespace ORDER BY 1"
}

# The whole database's schema without what legitimately differs: object oids and frozen
# xids kept by binary-upgrade mode, pg_dump's per-run \restrict key, the extension's
# config table oids (compared by name in RESULTS), and the comments track() writes on the
# side tables and views it creates (descriptions, whose wording may change between releases).
schema() {
	pg_dump --binary-upgrade --schema-only --no-owner -d "$1" |
		grep -v -e '^\\restrict ' -e '^\\unrestrict ' -e 'binary_upgrade_set_next_' -e '^-- For binary upgrade' \
			-e '^COMMENT ON \(TABLE\|VIEW\) public\.' |
		awk '
			held != "" && /^SET relfrozenxid/ { held = ""; skip = 1 }
			held != "" { print held; held = "" }
			skip { if (/;$/) skip = 0; next }
			/^UPDATE pg_catalog\.pg_class$/ { held = $0; next }
			{ print }' |
		sed -E "s/(binary_upgrade_create_empty_extension\('whosaid', 'whosaid', (true|false), '[^']*', )'\{[0-9,]*\}'/\1'{oids}'/" |
		cat -s
}

# Runs a query file against a database, one "-- query" header per query.
results() {
	local q
	while IFS= read -r q; do
		[ -n "$q" ] || continue
		echo "-- $q"
		sql "$1" -A -F ' | ' -c "$q" 2>&1 || true
	done <<<"$RESULTS"
}

# ------------------------------------------------------------------ checks run in "up"

# Right after the update, before any write: what OLD extracted is still there.
check_intact() {
	sql "$1" <<-'EOF'
		DO $$
		DECLARE
			d bigint;
		BEGIN
			SELECT count(*) INTO d FROM (
				(SELECT id, n, kind, content, content_span, speaker, speaker_mention, speaker_span, cue, cue_span
				 FROM articles_quotes EXCEPT ALL TABLE snap_quotes)
				UNION ALL
				(TABLE snap_quotes EXCEPT ALL
				 SELECT id, n, kind, content, content_span, speaker, speaker_mention, speaker_span, cue, cue_span
				 FROM articles_quotes)) x;
			IF d > 0 OR NOT EXISTS (SELECT FROM snap_quotes) THEN
				RAISE EXCEPTION 'articles_quotes changed in the update: % rows differ from before', d;
			END IF;
			SELECT count(*) INTO d FROM (
				(SELECT id, n, actor, kind, role, affiliation, aliases, mentions, first_span
				 FROM articles_actors EXCEPT ALL TABLE snap_actors)
				UNION ALL
				(TABLE snap_actors EXCEPT ALL
				 SELECT id, n, actor, kind, role, affiliation, aliases, mentions, first_span
				 FROM articles_actors)) x;
			IF d > 0 OR NOT EXISTS (SELECT FROM snap_actors) THEN
				RAISE EXCEPTION 'articles_actors changed in the update: % rows differ from before', d;
			END IF;
			SELECT count(*) INTO d FROM snap_docs s JOIN docs USING (id) WHERE docs.actors::text <> s.actors;
			IF d > 0 THEN
				RAISE EXCEPTION 'docs.actors read back differently after the update in % rows', d;
			END IF;
		END
		$$;
	EOF
}

# After the writes: every side table equals recomputation, and the new writes are there.
check_extracted() {
	sql "$1" <<-'EOF'
		CREATE FUNCTION pg_temp.check_side(src regclass, quotes regclass, actors regclass, new_ids text)
		RETURNS void LANGUAGE plpgsql AS $$
		DECLARE
			d bigint;
			n bigint;
		BEGIN
			EXECUTE format('SELECT count(*) FROM ((SELECT s.id, q.* FROM %1$s s, whosaid.quotes(s.body) q'
				' EXCEPT ALL SELECT id, n, kind, content, content_span, speaker, speaker_mention, speaker_span, cue, cue_span FROM %2$s)'
				' UNION ALL (SELECT id, n, kind, content, content_span, speaker, speaker_mention, speaker_span, cue, cue_span FROM %2$s'
				' EXCEPT ALL SELECT s.id, q.* FROM %1$s s, whosaid.quotes(s.body) q)) x', src, quotes) INTO d;
			IF d > 0 THEN
				RAISE EXCEPTION '% differs from whosaid.quotes() of %s rows in % rows', quotes, src, d;
			END IF;
			EXECUTE format('SELECT count(*) FROM ((SELECT s.id, x.ordinality, x.actor, x.kind, x.role, x.affiliation,'
				' x.aliases, x.mentions, x.first_span FROM %1$s s, whosaid.actors(s.body) WITH ORDINALITY x'
				' EXCEPT ALL SELECT id, n, actor, kind, role, affiliation, aliases, mentions, first_span FROM %2$s)'
				' UNION ALL (SELECT id, n, actor, kind, role, affiliation, aliases, mentions, first_span FROM %2$s'
				' EXCEPT ALL SELECT s.id, x.ordinality, x.actor, x.kind, x.role, x.affiliation, x.aliases, x.mentions,'
				' x.first_span FROM %1$s s, whosaid.actors(s.body) WITH ORDINALITY x)) x', src, actors) INTO d;
			IF d > 0 THEN
				RAISE EXCEPTION '% differs from whosaid.actors() of % rows in % rows', actors, src, d;
			END IF;
			EXECUTE format('SELECT count(*) FROM %s WHERE id IN (%s)', quotes, new_ids) INTO n;
			IF n = 0 THEN
				RAISE EXCEPTION 'no quotes in % for rows % written after the update', quotes, new_ids;
			END IF;
		END
		$$;
		DO $$
		BEGIN
			PERFORM pg_temp.check_side('articles', 'articles_quotes', 'articles_actors', '3, 10, 13');
			PERFORM pg_temp.check_side('backlog', 'bl_quotes', 'bl_actors', '1, 2, 3');
			PERFORM pg_temp.check_side('later', 'later_quotes', 'later_actors', '1');
			IF EXISTS (SELECT FROM articles_quotes WHERE id = 12) OR EXISTS (SELECT FROM articles_actors WHERE id = 12) THEN
				RAISE EXCEPTION 'the side tables kept rows of the deleted article 12';
			END IF;
			IF NOT EXISTS (SELECT FROM articles_quotes WHERE id = 10 AND speaker = 'Olaf Scholz') THEN
				RAISE EXCEPTION 'the quote added to article 10 by an UPDATE after the update was not extracted';
			END IF;
			IF EXISTS (SELECT FROM pg_catalog.pg_class WHERE relname LIKE 'gone\_%' AND relname <> 'gone_pkey') THEN
				RAISE EXCEPTION 'untrack(drop_tables => true) of a table tracked before the update left %',
					(SELECT string_agg(relname, ', ') FROM pg_catalog.pg_class WHERE relname LIKE 'gone\_%' AND relname <> 'gone_pkey');
			END IF;
			IF (SELECT count(*) FROM articles_claims) < 2 THEN
				RAISE EXCEPTION 'whosaid.track_claims() on a table tracked before the update made % claims',
					(SELECT count(*) FROM articles_claims);
			END IF;
			IF EXISTS (SELECT FROM articles_claims c
					   WHERE c.quotes <> (SELECT count(*) FROM articles_quotes q WHERE q.claim = c.claim)
						  OR c.articles <> (SELECT count(DISTINCT id) FROM articles_quotes q WHERE q.claim = c.claim)) THEN
				RAISE EXCEPTION 'claim counts differ from the quotes after the update';
			END IF;
			IF EXISTS (SELECT FROM articles_quotes q
					   WHERE q.claim IS NULL AND whosaid.claim_words(whosaid.to_claimvec(q.content)) >= 6) THEN
				RAISE EXCEPTION 'quotes of 6 words or more without a claim after track_claims() and the writes';
			END IF;
			IF NOT EXISTS (SELECT FROM articles_quotes WHERE id = 3 AND claim IS NOT NULL) THEN
				RAISE EXCEPTION 'the quotes of article 3, written after the update, have no claim';
			END IF;
			IF (SELECT w.claim FROM articles_claims c, whosaid.who_said('articles', c.content, 1) w
				WHERE c.claim = (SELECT min(q.claim) FROM articles_quotes q WHERE q.id = 3)) IS DISTINCT FROM
			   (SELECT min(q.claim) FROM articles_quotes q WHERE q.id = 3) THEN
				RAISE EXCEPTION 'who_said() does not find a claim of article 3 by its own words';
			END IF;
			IF (SELECT backfilled_at FROM whosaid.tracked WHERE relid = 'backlog'::regclass) IS NULL THEN
				RAISE EXCEPTION 'whosaid.backfill() of a table tracked before the update did not finish';
			END IF;
		END
		$$;
	EOF
}

# The GIN index on the generated column: used, and the same rows as a sequential scan.
check_gin() {
	local q plan idx seq nonempty=0
	for q in "'\"Angela Merkel\"'" "'speaker:\"Christine Lagarde\"'" "'Facebook & \"Jane Smith\"'" \
		"'org:Microsoft | org:Greenpeace'" "'\"Mark Zuckerberg\" & !speaker:\"Mark Zuckerberg\"'" \
		"'\"Andrew Parker\"'" "'\"Mark Zuckerberg\"'" "'person:Nobody'"; do
		plan=$(sql "$1" -At -c 'SET enable_seqscan = off' -c \
			"EXPLAIN (COSTS OFF) SELECT id FROM docs WHERE actors OPERATOR(whosaid.@@) $q::whosaid.actorquery")
		if ! grep -q 'Bitmap Index Scan on docs_actors' <<<"$plan"; then
			fail "docs_actors is not used for @@ $q:"
			echo "$plan"
		fi
		idx=$(sql "$1" -At -c 'SET enable_seqscan = off' -c \
			"SELECT string_agg(id::text, ',' ORDER BY id) FROM docs WHERE actors OPERATOR(whosaid.@@) $q::whosaid.actorquery")
		seq=$(sql "$1" -At -c 'SET enable_bitmapscan = off' -c 'SET enable_indexscan = off' -c \
			"SELECT string_agg(id::text, ',' ORDER BY id) FROM docs WHERE actors OPERATOR(whosaid.@@) $q::whosaid.actorquery")
		if [ "$idx" != "$seq" ]; then
			fail "@@ $q: the index finds {$idx}, a sequential scan {$seq}"
		fi
		# rows from before (< 1000, 1001..) and after (> 2000) the update must both be found
		if grep -qE '(^|,)[0-9]{1,3}(,|$)' <<<"$seq" && grep -qE '(^|,)20[0-9]{2}(,|$)' <<<"$seq"; then
			nonempty=$((nonempty + 1))
		fi
		echo "@@ $q: index = seqscan, $(tr ',' '\n' <<<"$seq" | grep -c . || true) rows"
	done
	[ "$nonempty" -ge 2 ] || fail "fewer than 2 GIN queries match rows written both before and after the update"
}

# ------------------------------------------------------------------ run

compare() {
	local what=$1 old=$2 up=$3 fresh=$4
	if ! diff -U "${5:-3}" --label "$what after ALTER EXTENSION whosaid UPDATE from $old" \
		--label "$what after CREATE EXTENSION whosaid ($NEW)" "$up" "$fresh" >"$up.diff"; then
		fail "$what differ between the updated and the fresh database (- updated, + fresh):"
		cat "$up.diff"
		return 1
	fi
	echo "ok: $what are the same ($(grep -c . "$up") lines)"
}

fresh=whosaid_upgrade_fresh_$$
testdb_create "$fresh"
sql "$fresh" -c 'CREATE EXTENSION whosaid'
setup "$fresh"
writes "$fresh"
members "$fresh" >"$WORK/members.fresh"
functions "$fresh" >"$WORK/functions.fresh"
schema "$fresh" >"$WORK/schema.fresh"
results "$fresh" >"$WORK/results.fresh"

for old in "${!FROZEN[@]}"; do
	[ -f "whosaid--$old.sql" ] || fail "whosaid--$old.sql, the install script of release $old, is missing"
done
tested=0
for script in whosaid--*.sql; do
	old=${script#whosaid--}
	old=${old%.sql}
	case $old in *--* | "$NEW") continue ;; esac
	tested=$((tested + 1))
	echo "== from $old to $NEW"
	if [ -z "${FROZEN[$old]:-}" ]; then
		fail "$script has no recorded checksum: record it in FROZEN when the version is released"
	elif [ "$(sha256sum <"$script" | cut -d' ' -f1)" != "${FROZEN[$old]}" ]; then
		fail "$script was edited after its release: put the change into the update script instead"
	fi
	path=$(sql postgres -At -c "SELECT path FROM pg_extension_update_paths('whosaid') WHERE source = '$old' AND target = '$NEW'")
	if [ -z "$path" ]; then
		fail "no update path from $old to $NEW"
		continue
	fi
	echo "update path: $path"

	up=whosaid_upgrade_${old//./_}_$$
	testdb_create "$up"
	# The released script with this build's library: every C symbol it names must still exist.
	sql "$up" -c "CREATE EXTENSION whosaid VERSION '$old'"
	setup "$up"
	sql "$up" -c "ALTER EXTENSION whosaid UPDATE TO '$NEW'"
	v=$(sql "$up" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'whosaid'")
	[ "$v" = "$NEW" ] || fail "extversion is $v after the update, not $NEW"

	if check_intact "$up"; then
		echo "ok: rows extracted under $old are intact after the update"
	else
		fail "rows extracted under $old changed in the update"
	fi
	writes "$up" || fail "writes after the update failed (the error is above)"
	if check_extracted "$up"; then
		echo "ok: writes after the update are extracted; side tables equal recomputation"
	else
		fail "writes after the update are not extracted as they should be"
	fi
	check_gin "$up"

	members "$up" >"$WORK/members.$old"
	functions "$up" >"$WORK/functions.$old"
	schema "$up" >"$WORK/schema.$old"
	results "$up" >"$WORK/results.$old"
	# Most readable first: which objects, then their attributes, then full definitions.
	compare "extension members" "$old" "$WORK/members.$old" "$WORK/members.fresh" 0 || true
	compare "function attributes" "$old" "$WORK/functions.$old" "$WORK/functions.fresh" 0 || true
	compare "schema definitions (pg_dump)" "$old" "$WORK/schema.$old" "$WORK/schema.fresh" 6 || true
	compare "query results" "$old" "$WORK/results.$old" "$WORK/results.fresh" 2 || true
done

[ "$tested" -gt 0 ] || fail "no install script of an earlier release (whosaid--X.sql) to update from"
if [ "$FAILED" -ne 0 ]; then
	echo "upgrade test failed; files in $WORK/"
	exit 1
fi
echo "upgrade test passed"
