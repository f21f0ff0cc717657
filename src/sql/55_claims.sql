-- 55_claims.sql — claims in tracked tables (docs/claims.md, "Claims in
-- tracked tables"). whosaid.track_claims(tbl) gives a tracked table:
--
--   <prefix>_quotes.claim    the claim a quote belongs to (NULL: too short)
--   <prefix>_quotes.about    the actors named inside the quote (actorvec)
--   <prefix>_claims          one row per claim, kept current by triggers
--   <prefix>_claim_anchors   internal: the blocking keys of each claim
--   <prefix>_claim_spread, <prefix>_claim_speakers, <prefix>_disputed_claims
--
-- Assignment is set-based, once per statement that inserts quotes (the
-- statement triggers of track() insert all of a statement's quotes at once):
-- the statement's quotes are joined to the claims on their anchors
-- (whosaid._claim_anchors(), winnowed shingles, btree-indexed), and among
-- themselves (whosaid._claims_group(), in C), and only those candidate pairs
-- are compared with claim_similarity. A quote joins the most similar claim at
-- the pinned threshold, else the quotes of the statement that match each
-- other start one claim. Quotes of fewer than whosaid._claims_min_words()
-- words get none. claims_insert() assigns the quotes inserted without claim
-- and about; a bulk INSERT into the tracked table (_claims_bulk_rows())
-- inserts its quotes with them instead (_track_insert_sql()).
--
-- Concurrency: before matching, a statement takes transaction advisory
-- locks on its anchors (shared lock on the table's key, exclusive per anchor;
-- more than _claims_max_anchor_locks() quotes or anchors, or a bulk INSERT,
-- take the table's key exclusively instead), then matches with a new
-- snapshot (READ COMMITTED).
-- Two transactions whose quotes could join the same claim share an anchor,
-- so the second waits for the first to commit and then sees its claims.

-- Quotes of fewer words start or join no claim. Measured on the dev set
-- (docs/claims.md): from 1 to 6 words precision 0.742 -> 0.802 at the
-- same recall 0.908; at 7 recall drops.
CREATE FUNCTION whosaid._claims_min_words() RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 6;
COMMENT ON FUNCTION whosaid._claims_min_words() IS
'internal: the fewest words a quote needs to start or join a claim (measured, docs/claims.md)';

-- The similarity at which a quote joins a claim: the measured default of
-- whosaid.claim_threshold, pinned so that claims do not depend on the
-- inserting session's setting.
CREATE FUNCTION whosaid._claims_threshold() RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 0.6;
COMMENT ON FUNCTION whosaid._claims_threshold() IS
'internal: the claim similarity at which a quote joins a claim in a tracked table';

-- Above this many distinct anchors a statement locks the whole claims table's
-- key instead of one key per anchor (a bulk load would fill the lock table).
CREATE FUNCTION whosaid._claims_max_anchor_locks() RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 256;
COMMENT ON FUNCTION whosaid._claims_max_anchor_locks() IS
'internal: the most anchor locks a statement takes before it locks the whole claims table instead';

-- An INSERT of more rows than this into a tracked table with claims is a bulk
-- one: its quotes are inserted with their claims in one statement (the
-- trigger of the tracked table, _track_insert_sql()) under the claims table's
-- lock, instead of claims_insert() updating them after; an article has about
-- 40 anchors, so an INSERT of this many would lock the table anyway.
CREATE FUNCTION whosaid._claims_bulk_rows() RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 16;
COMMENT ON FUNCTION whosaid._claims_bulk_rows() IS
'internal: the most rows an INSERT into a tracked table with claims has before its quotes are inserted with their claims in one statement';

CREATE FUNCTION whosaid._claim_anchors(whosaid.claimvec) RETURNS int4[]
AS 'MODULE_PATHNAME', '_claim_anchors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid._claim_anchors(whosaid.claimvec) IS
'internal: the blocking keys of a quotation (winnowed hashes of 3-word runs); quotations sharing 6 words in a row share one';

-- The grouping of a statement's quotes that join no existing claim (C,
-- claim_anchors.c): in the order of i (time order; the quotes are sorted by i
-- there, so the call needs no ORDER BY, which would sort their claimvecs),
-- each joins the claim of the earliest quote before it that shares an anchor
-- and matches at the threshold, else starts one; the result holds, for each
-- quote in that order, the i of the quote whose claim it joins (its own when
-- it starts one).
CREATE FUNCTION whosaid._claims_group_add(internal, int8, whosaid.claimvec, real) RETURNS internal
AS 'MODULE_PATHNAME', '_claims_group_add' LANGUAGE C CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid._claims_group_add(internal, int8, whosaid.claimvec, real) IS
'internal: transition function of whosaid._claims_group()';
CREATE FUNCTION whosaid._claims_group_result(internal) RETURNS int8[]
AS 'MODULE_PATHNAME', '_claims_group_result' LANGUAGE C CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION whosaid._claims_group_result(internal) IS
'internal: final function of whosaid._claims_group()';
CREATE AGGREGATE whosaid._claims_group(i int8, cv whosaid.claimvec, threshold real) (
	SFUNC = whosaid._claims_group_add, STYPE = internal, FINALFUNC = whosaid._claims_group_result);
COMMENT ON AGGREGATE whosaid._claims_group(int8, whosaid.claimvec, real) IS
'internal: for quotes in the order of i (sorted by the aggregate), the i of the quote whose claim each joins: the earliest before it sharing an anchor and matching at threshold, followed to its own, else itself';

-- The claims table of a tracked table, or NULL when it has none.
CREATE FUNCTION whosaid._claims_table(t whosaid.tracked, suffix text DEFAULT '_claims') RETURNS regclass
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT c.oid::regclass FROM pg_catalog.pg_class c
		WHERE c.relnamespace OPERATOR(pg_catalog.=) (SELECT q.relnamespace FROM pg_catalog.pg_class q
													  WHERE q.oid OPERATOR(pg_catalog.=) t.quotes_table)
			AND c.relname OPERATOR(pg_catalog.=) (t.prefix OPERATOR(pg_catalog.||) suffix)
			AND c.relkind OPERATOR(pg_catalog.=) 'r');
COMMENT ON FUNCTION whosaid._claims_table(whosaid.tracked, text) IS
'internal: <prefix>_claims (or another suffix) of a tracked table, or NULL';

-- SQL fragments: the time of a quote (a timestamptz expression over q and s,
-- NULL without a time column) and the join to the tracked table it needs.
CREATE FUNCTION whosaid._claims_time(t whosaid.tracked, q text, OUT expr text, OUT join_sql text)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF t.time_column IS NULL THEN
		expr := 'NULL::pg_catalog.timestamptz';
		join_sql := '';
	ELSIF t.time_column = ANY (t.key_columns) THEN
		expr := format('%I.%I::pg_catalog.timestamptz', q, t.time_column);
		join_sql := '';
	ELSE
		expr := format('s.%I::pg_catalog.timestamptz', t.time_column);
		join_sql := format(' JOIN %s s ON %s', t.relid, whosaid._track_join(t, q, 's'));
	END IF;
END
$$;
COMMENT ON FUNCTION whosaid._claims_time(whosaid.tracked, text) IS
'internal: the time of a quote as SQL (from the time column, NULL without one) and the join it needs';

-- Takes the locks of the statement's anchors (see the header), sorted so
-- that two statements take them in the same order.
CREATE FUNCTION whosaid._claims_lock(ctab regclass, anchors int4[])
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a int4;
BEGIN
	IF anchors IS NULL OR cardinality(anchors) = 0 THEN
		RETURN;
	END IF;
	IF cardinality(anchors) > whosaid._claims_max_anchor_locks() THEN
		PERFORM pg_advisory_xact_lock(ctab::oid::int8);
		RETURN;
	END IF;
	PERFORM pg_advisory_xact_lock_shared(ctab::oid::int8);
	FOREACH a IN ARRAY anchors LOOP
		PERFORM pg_advisory_xact_lock(ctab::oid::int4, a);
	END LOOP;
END
$$;
COMMENT ON FUNCTION whosaid._claims_lock(regclass, int4[]) IS
'internal: the advisory locks a statement takes before matching its quotes to claims';

-- What a claim shows, summarised from its quotes in relation m (claim,
-- the key columns, n, content, cv or NULL, speaker, at): the CTEs agg
-- (counts, first and last time), longest (the longest variant), f (the
-- first article: earliest time, then the current first article of ctab
-- when given, then key) and sp (the most cited speakers). Assignment uses
-- it for new claims, the recount for the claims a statement touched.
CREATE FUNCTION whosaid._claims_summary_sql(t whosaid.tracked, ctab regclass)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	keys_m text := whosaid._track_keys(t, 'm');
BEGIN
	RETURN format($f$
agg AS (
	SELECT m.claim, pg_catalog.count(*)::int AS quotes, pg_catalog.count(DISTINCT (%1$s))::int AS articles,
		pg_catalog.min(m.at) AS first_at, pg_catalog.max(m.at) AS last_at
	FROM m GROUP BY m.claim),
longest AS (
	SELECT DISTINCT ON (m.claim) m.claim, m.content, m.cv FROM m
	ORDER BY m.claim, pg_catalog.length(m.content) DESC, m.at NULLS LAST, %1$s, m.n),
f AS (
	SELECT DISTINCT ON (m.claim) m.claim, %1$s FROM m%2$s
	ORDER BY m.claim, m.at NULLS LAST, %3$s%1$s, m.n),
sp AS (
	SELECT x.claim, (pg_catalog.array_agg(x.speaker ORDER BY x.cnt DESC, x.speaker COLLATE "C"))[1] AS speaker,
		pg_catalog.string_agg(pg_catalog.format('%%s (%%s)', x.speaker, x.cnt), ', '
							  ORDER BY x.cnt DESC, x.speaker COLLATE "C") FILTER (WHERE x.r OPERATOR(pg_catalog.<=) 3) AS speakers
	FROM (SELECT m.claim, m.speaker, pg_catalog.count(*) AS cnt,
				 pg_catalog.row_number() OVER (PARTITION BY m.claim ORDER BY pg_catalog.count(*) DESC, m.speaker COLLATE "C") AS r
		  FROM m WHERE m.speaker IS NOT NULL GROUP BY m.claim, m.speaker) x
	GROUP BY x.claim)$f$,
		keys_m,
		CASE WHEN ctab IS NULL THEN '' ELSE format(' JOIN %s c ON c.claim OPERATOR(pg_catalog.=) m.claim', ctab) END,
		CASE WHEN ctab IS NULL THEN '' ELSE
			'(' || (SELECT string_agg(format('c.%I %s m.%I', 'first_' || k, op, k), ' AND ' ORDER BY i)
					FROM unnest(t.key_columns, whosaid._track_key_ops(t.relid, 3)) WITH ORDINALITY AS u(k, op, i))
			|| ') DESC, ' END);
END
$$;
COMMENT ON FUNCTION whosaid._claims_summary_sql(whosaid.tracked, regclass) IS
'internal: the CTEs summarising claims from their quotes (counts, times, longest variant, first article, speakers)';

-- The statement assigning the quotes of relation src (the transition table
-- of an INSERT into <prefix>_quotes, or the quotes table itself) that have no
-- claim and no about yet. New claims are inserted complete; it returns the
-- existing claims it added quotes to, for _claims_recount_sql(). With embed,
-- only its CTEs, for the statement of _track_insert_sql() that inserts the
-- quotes of src (all of them) with their claim and about: they end with an
-- (the quotes with a claim: the key, n and claim) and hold old (the existing
-- claims that gained quotes).
CREATE FUNCTION whosaid._claims_assign_sql(t whosaid.tracked, ctab regclass, ktab regclass, src text,
										   embed boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	tm record := whosaid._claims_time(t, 'q');
	keys_q text := whosaid._track_keys(t, 'q');
	ctes text;
BEGIN
	ctes := format($f$
cvs AS MATERIALIZED (	-- once per distinct content (syndicated quotes repeat), then joined by hash
	SELECT v.content, v.cv
	FROM (SELECT c.content, whosaid.to_claimvec(c.content) AS cv
		  FROM (SELECT DISTINCT q.content COLLATE pg_catalog."C" AS content FROM %4$s q
				WHERE q.content IS NOT NULL%2$s) c OFFSET 0) v
	WHERE whosaid.claim_words(v.cv) OPERATOR(pg_catalog.>=) whosaid._claims_min_words()),
n AS MATERIALIZED (
	SELECT q.i, %1$s, q.n, q.content, d.cv, q.speaker, q.at
	FROM (SELECT row_number() OVER (ORDER BY %3$s NULLS LAST, %1$s, q.n) AS i, %1$s, q.n, q.content, q.speaker, %3$s AS at
		  FROM %4$s q%5$s WHERE q.content IS NOT NULL%2$s) q
		JOIN cvs d ON d.content OPERATOR(pg_catalog.=) q.content COLLATE pg_catalog."C"),
na AS MATERIALIZED (SELECT n.i, a.a FROM n CROSS JOIN LATERAL unnest(whosaid._claim_anchors(n.cv)) AS a(a)),
cand AS MATERIALIZED (SELECT DISTINCT na.i, k.claim FROM na JOIN %6$s k ON k.anchor OPERATOR(pg_catalog.=) na.a),
cc AS MATERIALIZED (
	SELECT c.i, c.claim, n.cv AS x, x.cv AS y
	FROM cand c JOIN n ON n.i OPERATOR(pg_catalog.=) c.i JOIN %7$s x ON x.claim OPERATOR(pg_catalog.=) c.claim),
old AS MATERIALIZED (
	SELECT DISTINCT ON (s.i) s.i, s.claim
	FROM (SELECT cc.i, cc.claim, whosaid.claim_similarity(cc.x, cc.y) AS sim FROM cc) s
	WHERE s.sim OPERATOR(pg_catalog.>=) whosaid._claims_threshold()
	ORDER BY s.i, s.sim DESC, s.claim),
g AS MATERIALIZED (
	SELECT u.i, u.root
	FROM (SELECT pg_catalog.array_agg(n.i ORDER BY n.i) AS i,
				 whosaid._claims_group(n.i, n.cv, whosaid._claims_threshold()) AS root
		  FROM n WHERE NOT EXISTS (SELECT FROM old o WHERE o.i OPERATOR(pg_catalog.=) n.i)) x
		CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(x.i), pg_catalog.unnest(x.root)) AS u(i, root)),
ids AS MATERIALIZED (
	SELECT r.i, pg_catalog.nextval(%8$L::pg_catalog.regclass) AS claim
	FROM (SELECT g.i FROM g WHERE g.root OPERATOR(pg_catalog.=) g.i ORDER BY g.i) r),
asg AS MATERIALIZED (
	SELECT o.i, o.claim FROM old o
	UNION ALL SELECT g.i, ids.claim FROM g JOIN ids ON ids.i OPERATOR(pg_catalog.=) g.root),
m AS MATERIALIZED (
	SELECT asg.claim, n.* FROM asg JOIN n ON n.i OPERATOR(pg_catalog.=) asg.i
	WHERE NOT EXISTS (SELECT FROM old o WHERE o.i OPERATOR(pg_catalog.=) asg.i)),
%9$s,
newc AS (
	INSERT INTO %7$s (claim, content, cv, %10$s, first_seen, last_seen, articles, quotes, speaker, speakers)
	SELECT a.claim, l.content, l.cv, %11$s, coalesce(a.first_at, pg_catalog.now()), coalesce(a.last_at, pg_catalog.now()),
		a.articles, a.quotes, sp.speaker, sp.speakers
	FROM agg a JOIN longest l ON l.claim OPERATOR(pg_catalog.=) a.claim JOIN f ON f.claim OPERATOR(pg_catalog.=) a.claim
		LEFT JOIN sp ON sp.claim OPERATOR(pg_catalog.=) a.claim),
newk AS (
	INSERT INTO %6$s (anchor, claim)
	SELECT DISTINCT a.a, l.claim FROM longest l CROSS JOIN LATERAL unnest(whosaid._claim_anchors(l.cv)) AS a(a)),
an AS (SELECT n.*, asg.claim FROM asg JOIN n ON n.i OPERATOR(pg_catalog.=) asg.i)$f$,
		keys_q, CASE WHEN embed THEN '' ELSE ' AND q.claim IS NULL AND q.about IS NULL' END,
		tm.expr, src, tm.join_sql, ktab, ctab, pg_catalog.pg_get_serial_sequence(ctab::text, 'claim'),
		whosaid._claims_summary_sql(t, NULL),
		(SELECT string_agg(quote_ident('first_' || k), ', ' ORDER BY i) FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)),
		whosaid._track_keys(t, 'f'));
	IF embed THEN
		RETURN ctes;
	END IF;
	RETURN format($f$WITH %1$s,
upd AS (
	UPDATE %2$s q SET claim = an.claim, about = whosaid.to_actorvec(q.content)
	FROM %3$s w LEFT JOIN an ON %5$s AND an.n OPERATOR(pg_catalog.=) w.n
	WHERE %4$s AND q.n OPERATOR(pg_catalog.=) w.n AND w.claim IS NULL AND w.about IS NULL)
SELECT pg_catalog.array_agg(DISTINCT o.claim) FROM old o
$f$,
		ctes, t.quotes_table, src, whosaid._track_join(t, 'q', 'w'), whosaid._track_join(t, 'an', 'w'));
END
$$;
COMMENT ON FUNCTION whosaid._claims_assign_sql(whosaid.tracked, regclass, regclass, text, boolean) IS
'internal: the statement assigning claims to the quotes of a relation that have none, set-based (or its CTEs, for the insert of the quotes)';

-- The statement recounting the claims in $1 from <prefix>_quotes (see
-- _claims_summary_sql(); the anchors follow the longest variant when it
-- changes); claims left without quotes are deleted with their anchors.
CREATE FUNCTION whosaid._claims_recount_sql(t whosaid.tracked, ctab regclass, ktab regclass)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	tm record := whosaid._claims_time(t, 'q');
	set_first text := (SELECT string_agg(format('%I = f.%I', 'first_' || k, k), ', ' ORDER BY i)
					   FROM unnest(t.key_columns) WITH ORDINALITY u(k, i));
BEGIN
	RETURN format($f$
WITH ids AS MATERIALIZED (SELECT DISTINCT x.claim FROM unnest($1::pg_catalog.int8[]) AS x(claim)),
m AS MATERIALIZED (
	SELECT q.claim, %1$s, q.n, q.content, NULL::whosaid.claimvec AS cv, q.speaker, %2$s AS at
	FROM ids JOIN %3$s q ON q.claim OPERATOR(pg_catalog.=) ids.claim%4$s),
%5$s,
changed AS MATERIALIZED (
	SELECT c.claim, c.cv AS old_cv, l.content, whosaid.to_claimvec(l.content) AS cv
	FROM %6$s c JOIN longest l ON l.claim OPERATOR(pg_catalog.=) c.claim
	WHERE c.content IS DISTINCT FROM l.content),
was AS (SELECT ch.claim, a.a FROM changed ch, unnest(whosaid._claim_anchors(ch.old_cv)) a(a)),
now AS (SELECT ch.claim, a.a FROM changed ch, unnest(whosaid._claim_anchors(ch.cv)) a(a)),
gone AS MATERIALIZED (
	DELETE FROM %6$s c USING ids WHERE c.claim OPERATOR(pg_catalog.=) ids.claim
		AND NOT EXISTS (SELECT FROM agg WHERE agg.claim OPERATOR(pg_catalog.=) c.claim)
	RETURNING c.claim, c.cv),
dk AS (
	DELETE FROM %7$s k USING (SELECT g.claim, a.a FROM gone g, unnest(whosaid._claim_anchors(g.cv)) a(a)
							  UNION ALL (TABLE was EXCEPT TABLE now)) d
	WHERE k.anchor OPERATOR(pg_catalog.=) d.a AND k.claim OPERATOR(pg_catalog.=) d.claim),
ik AS (INSERT INTO %7$s (claim, anchor) TABLE now EXCEPT TABLE was)
UPDATE %6$s c SET
	content = coalesce(ch.content, c.content), cv = coalesce(ch.cv, c.cv),
	%8$s,
	first_seen = coalesce(a.first_at, c.first_seen),
	last_seen = coalesce(a.last_at, GREATEST(c.last_seen, $2)),
	articles = a.articles, quotes = a.quotes, speaker = sp.speaker, speakers = sp.speakers
FROM agg a JOIN f ON f.claim OPERATOR(pg_catalog.=) a.claim
	LEFT JOIN sp ON sp.claim OPERATOR(pg_catalog.=) a.claim
	LEFT JOIN changed ch ON ch.claim OPERATOR(pg_catalog.=) a.claim
WHERE c.claim OPERATOR(pg_catalog.=) a.claim
$f$,
		whosaid._track_keys(t, 'q'), tm.expr, t.quotes_table, tm.join_sql,
		whosaid._claims_summary_sql(t, ctab), ctab, ktab, set_first);
END
$$;
COMMENT ON FUNCTION whosaid._claims_recount_sql(whosaid.tracked, regclass, regclass) IS
'internal: the statement recounting some claims from the quotes and deleting those left without any';

-- Statement triggers of <prefix>_quotes. TG_ARGV: the tracked table, the
-- claims table, the anchors table (qualified names). The tracked table is
-- found through the foreign key of <prefix>_quotes, so that a renamed table
-- keeps its claims (TG_ARGV[0] is what the trigger was created for). They run
-- as whoever writes the quotes: the tracked table's owner, through track()'s
-- triggers.
CREATE FUNCTION whosaid._claims_config(quotes regclass, args text[],
									   OUT t whosaid.tracked, OUT ctab regclass, OUT ktab regclass)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	args := args[array_lower(args, 1):array_upper(args, 1)];	-- TG_ARGV counts from 0
	t := whosaid._tracked(coalesce((SELECT f.confrelid FROM pg_constraint f
									WHERE f.conrelid = quotes AND f.contype = 'f' AND f.conparentid = 0
									ORDER BY f.oid LIMIT 1)::regclass, args[1]::regclass));
	ctab := args[2]::regclass;
	ktab := args[3]::regclass;
END
$$;
COMMENT ON FUNCTION whosaid._claims_config(regclass, text[]) IS
'internal: the tracked table, claims table and anchors table a claims trigger works on';

CREATE FUNCTION whosaid.claims_insert()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
-- the bulk plan's disabled nested loops cost 1e10 each, which would start
-- JIT compilation (1.5 s for the assignment of 10,000 articles, docs/claims.md)
SET jit = off
AS $$
DECLARE
	cf record := whosaid._claims_config(TG_RELID, TG_ARGV);
	anchors int4[];
	todo bigint;
	bulk boolean;
	ids bigint[];
	nestloop text;
BEGIN
	-- the quotes to assign: those written without (a bulk write to the
	-- tracked table writes its quotes with their claim and about,
	-- _track_insert_sql()); a heuristic: so many quotes would mostly need
	-- about as many anchor locks, so they lock the whole table without computing them
	SELECT count(*) INTO todo FROM whosaid_new q WHERE q.claim IS NULL AND q.about IS NULL;
	IF todo = 0 THEN
		RETURN NULL;
	END IF;
	bulk := todo > whosaid._claims_max_anchor_locks();
	IF NOT bulk THEN
		SELECT array_agg(DISTINCT a ORDER BY a) INTO anchors
		FROM whosaid_new q CROSS JOIN LATERAL (SELECT whosaid.to_claimvec(q.content) AS cv) v
			CROSS JOIN LATERAL unnest(whosaid._claim_anchors(v.cv)) a
		WHERE q.claim IS NULL AND q.about IS NULL AND whosaid.claim_words(v.cv) >= whosaid._claims_min_words();
		bulk := cardinality(anchors) > whosaid._claims_max_anchor_locks();
	END IF;
	IF bulk THEN
		PERFORM pg_advisory_xact_lock(cf.ctab::oid::int8);
	ELSE
		PERFORM whosaid._claims_lock(cf.ctab, anchors);
	END IF;
	-- The planner takes a transition table for a few rows: on a bulk
	-- statement it would match the quotes by nested loops over CTEs.
	nestloop := current_setting('enable_nestloop');
	IF bulk THEN
		PERFORM set_config('enable_nestloop', 'off', true);
	END IF;
	-- a new statement, hence a new snapshot: it sees the claims of whoever held the locks before
	EXECUTE whosaid._claims_assign_sql(cf.t, cf.ctab, cf.ktab, 'whosaid_new') INTO ids;
	IF ids IS NOT NULL THEN
		EXECUTE whosaid._claims_recount_sql(cf.t, cf.ctab, cf.ktab) USING ids, now();
	END IF;
	PERFORM set_config('enable_nestloop', nestloop, true);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION whosaid.claims_insert() IS
'statement trigger of <prefix>_quotes: the actors each new quote names, and the claim it belongs to';

CREATE FUNCTION whosaid.claims_delete()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cf record := whosaid._claims_config(TG_RELID, TG_ARGV);
	ids bigint[];
BEGIN
	SELECT array_agg(DISTINCT claim) INTO ids FROM whosaid_old WHERE claim IS NOT NULL;
	IF ids IS NOT NULL THEN
		EXECUTE whosaid._claims_recount_sql(cf.t, cf.ctab, cf.ktab) USING ids, NULL::timestamptz;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION whosaid.claims_delete() IS
'statement trigger of <prefix>_quotes: recounts the claims of deleted quotes and deletes claims left without quotes';

-- The views (plain column types, for BI tools).
CREATE FUNCTION whosaid._claims_views(t whosaid.tracked, ctab regclass)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	nsp name := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ctab);
	tm record := whosaid._claims_time(t, 'q');
	at text := CASE WHEN t.time_column IS NULL THEN 'c.first_seen' ELSE tm.expr END;
	keys_q text := whosaid._track_keys(t, 'q');
BEGIN
	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT q.claim, (%s)::pg_catalog.date AS day,'
		' pg_catalog.count(DISTINCT (%s))::int AS articles, pg_catalog.count(*)::int AS quotes'
		' FROM %s q JOIN %s c ON c.claim OPERATOR(pg_catalog.=) q.claim%s GROUP BY 1, 2',
		nsp, t.prefix || '_claim_spread', at, keys_q, t.quotes_table, ctab, tm.join_sql);
	EXECUTE format(
		'CREATE VIEW %I.%I AS SELECT q.claim, q.speaker, pg_catalog.count(*)::int AS quotes,'
		' pg_catalog.min(%s) AS first_seen'
		' FROM %s q JOIN %s c ON c.claim OPERATOR(pg_catalog.=) q.claim%s'
		' WHERE q.speaker IS NOT NULL GROUP BY 1, 2',
		nsp, t.prefix || '_claim_speakers', at, t.quotes_table, ctab, tm.join_sql);
	EXECUTE format(
		'CREATE VIEW %1$I.%2$I AS SELECT x.claim, c.content, x.speaker, x.quotes, x.first_seen, %3$s'
		' FROM (SELECT q.claim, q.speaker, pg_catalog.count(*)::int AS quotes, pg_catalog.min(%4$s) AS first_seen, %9$s,'
		' pg_catalog.count(*) OVER (PARTITION BY q.claim) AS speakers'
		' FROM %6$s q JOIN %7$s c ON c.claim OPERATOR(pg_catalog.=) q.claim%8$s'
		' WHERE q.speaker IS NOT NULL GROUP BY q.claim, q.speaker) x'
		' JOIN %7$s c ON c.claim OPERATOR(pg_catalog.=) x.claim WHERE x.speakers OPERATOR(pg_catalog.>) 1',
		nsp, t.prefix || '_disputed_claims',
		(SELECT string_agg(format('x.%I', 'first_' || k), ', ' ORDER BY i)
		 FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)),
		at, keys_q, t.quotes_table, ctab, tm.join_sql,
		(SELECT string_agg(format('(pg_catalog.array_agg(q.%I ORDER BY %s, %s, q.n))[1] AS %I', k, at, keys_q, 'first_' || k),
						   ', ' ORDER BY i)
		 FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)));
	EXECUTE format('COMMENT ON VIEW %I.%I IS %L', nsp, t.prefix || '_claim_spread',
		format('how the claims quoted in %s spread: articles and quotes per claim and day', t.relid));
	EXECUTE format('COMMENT ON VIEW %I.%I IS %L', nsp, t.prefix || '_claim_speakers',
		format('who is credited with each claim quoted in %s: quotes and first time per speaker', t.relid));
	EXECUTE format('COMMENT ON VIEW %I.%I IS %L', nsp, t.prefix || '_disputed_claims',
		format('claims quoted in %s credited to more than one speaker, each with its count and first article', t.relid));
END
$$;
COMMENT ON FUNCTION whosaid._claims_views(whosaid.tracked, regclass) IS
'internal: creates the claim views of a tracked table';

-- Adds claims to a tracked table, new or tracked before (0.1): columns,
-- tables, triggers, views and grants; then assigns the quotes already there,
-- in time order.
CREATE FUNCTION whosaid.track_claims(tbl regclass)
RETURNS regclass
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
SET jit = off	-- as claims_insert()
AS $$
DECLARE
	t whosaid.tracked;
	nsp name;
	ctab regclass;
	ktab regclass;
	args text;
	grantees text[];
	ids bigint[];
	nestloop text := current_setting('enable_nestloop');
BEGIN
	PERFORM whosaid._track_check_owner(tbl, 'add claims to it');
	t := whosaid._tracked(tbl);
	IF whosaid._claims_table(t) IS NOT NULL THEN
		RAISE EXCEPTION 'table % already has claims', tbl
			USING ERRCODE = 'duplicate_object',
				  HINT = format('Its claims are in %s.', whosaid._claims_table(t));
	END IF;
	nsp := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = t.quotes_table);
	IF EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			   WHERE n.nspname = nsp AND c.relname IN (t.prefix || '_claim_anchors', t.prefix || '_claim_spread',
													   t.prefix || '_claim_speakers', t.prefix || '_disputed_claims')) THEN
		RAISE EXCEPTION 'a relation named %_claim_* or %_disputed_claims already exists in schema "%"', t.prefix, t.prefix, nsp
			USING ERRCODE = 'duplicate_table';
	END IF;
	EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', tbl);

	EXECUTE format(
		'CREATE TABLE %I.%I (claim bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, content text NOT NULL,'
		' cv whosaid.claimvec NOT NULL, %s, first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL,'
		' articles int NOT NULL, quotes int NOT NULL, speaker text, speakers text)',
		nsp, t.prefix || '_claims',
		(SELECT string_agg(format('%I %s', 'first_' || k, ty), ', ' ORDER BY i)
		 FROM unnest(t.key_columns, t.key_types) WITH ORDINALITY u(k, ty, i)));
	ctab := format('%I.%I', nsp, t.prefix || '_claims')::regclass;
	-- a long pending list: a statement's new claims are appended, and merged
	-- into the index in bulk by (auto)vacuum (docs/claims.md, "Speed")
	EXECUTE format('CREATE INDEX ON %s USING gin (cv) WITH (gin_pending_list_limit = 65536)', ctab);
	EXECUTE format('COMMENT ON TABLE %s IS %L', ctab,
		format('claims quoted in %s: the same words across its rows, kept current by whosaid.track_claims()', tbl));
	EXECUTE format('CREATE TABLE %I.%I (anchor int4 NOT NULL, claim bigint NOT NULL, PRIMARY KEY (anchor, claim))',
				   nsp, t.prefix || '_claim_anchors');
	ktab := format('%I.%I', nsp, t.prefix || '_claim_anchors')::regclass;
	EXECUTE format('COMMENT ON TABLE %s IS %L', ktab,
		format('internal to whosaid.track_claims(): the anchors of the claims in %s', ctab));

	EXECUTE format('ALTER TABLE %s ADD COLUMN claim bigint, ADD COLUMN about whosaid.actorvec', t.quotes_table);
	EXECUTE format('CREATE INDEX ON %s (claim)', t.quotes_table);

	args := format('%L, %L, %L', whosaid._track_qualified(tbl), ctab::text, ktab::text);
	EXECUTE format('CREATE TRIGGER whosaid_claims_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS whosaid_new'
				   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.claims_insert(%s)', t.quotes_table, args);
	EXECUTE format('CREATE TRIGGER whosaid_claims_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS whosaid_old'
				   ' FOR EACH STATEMENT EXECUTE FUNCTION whosaid.claims_delete(%s)', t.quotes_table, args);

	PERFORM whosaid._claims_views(t, ctab);

	-- whoever may read the quotes may read the claims (as track() grants)
	SELECT array_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END)
	INTO grantees
	FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
	WHERE c.oid = t.quotes_table AND a.privilege_type = 'SELECT' AND a.grantee <> c.relowner;
	IF grantees IS NOT NULL THEN
		EXECUTE format('GRANT SELECT ON %s, %I.%I, %I.%I, %I.%I TO %s', ctab,
			nsp, t.prefix || '_claim_spread', nsp, t.prefix || '_claim_speakers',
			nsp, t.prefix || '_disputed_claims', array_to_string(grantees, ', '));
	END IF;

	-- the quotes already there, in time order (one statement: the table is locked)
	PERFORM set_config('enable_nestloop', 'off', true);
	EXECUTE whosaid._claims_assign_sql(t, ctab, ktab, t.quotes_table::text) INTO ids;
	PERFORM set_config('enable_nestloop', nestloop, true);
	RETURN ctab;
END
$$;
COMMENT ON FUNCTION whosaid.track_claims(regclass) IS
'adds claims to a tracked table: <prefix>_quotes.claim and .about, <prefix>_claims and its views, kept current from now on; assigns the quotes already there';

CREATE FUNCTION whosaid.who_said(tbl regclass, words text, n int DEFAULT 10)
RETURNS TABLE (claim bigint, content text, speakers text, first_article text, first_seen timestamptz,
			   articles int, quotes int, similarity real)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
-- the claims table always has its GIN index; the planner, costing one search per
-- query key (a paragraph has hundreds), would otherwise scan every claim, and
-- starting parallel workers costs more than the few candidates the index gives
SET enable_seqscan = off SET max_parallel_workers_per_gather = 0
AS $$
DECLARE
	t whosaid.tracked := whosaid._tracked(tbl);
	ctab regclass := whosaid._claims_table(t);
BEGIN
	IF ctab IS NULL THEN
		RAISE EXCEPTION 'table % has no claims', tbl
			USING ERRCODE = 'undefined_table',
				  HINT = format('Call whosaid.track_claims(%L) first.', tbl::text);
	END IF;
	RETURN QUERY EXECUTE format(
		'SELECT c.claim, c.content, c.speakers, (%s)::pg_catalog.text, c.first_seen, c.articles, c.quotes,'
		' whosaid.claim_similarity(c.cv, $1) AS similarity FROM %s c WHERE whosaid.claim_matches(c.cv, $1)'
		' ORDER BY 8 DESC, c.articles DESC, c.claim LIMIT $2',
		CASE WHEN cardinality(t.key_columns) = 1 THEN format('c.%I', 'first_' || t.key_columns[1])
			 ELSE 'ROW(' || (SELECT string_agg(format('c.%I', 'first_' || k), ', ' ORDER BY i)
							 FROM unnest(t.key_columns) WITH ORDINALITY u(k, i)) || ')' END,
		ctab)
		USING whosaid.to_claimvec(words), n;
END
$$;
COMMENT ON FUNCTION whosaid.who_said(regclass, text, int) IS
'the claims of a tracked table matching some words (a fragment or a paragraph), best first: content, speakers, first article and time, articles, quotes, similarity';

-- Drops the claim views and tables of a tracked table (untrack() with
-- drop_tables, and the DROP event trigger, through _track_drop_views()).
CREATE FUNCTION whosaid._claims_drop(t whosaid.tracked)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	nsp name := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				 WHERE c.oid IN (t.quotes_table, t.relid) LIMIT 1);
	r regclass;
BEGIN
	IF nsp IS NULL THEN
		RETURN;
	END IF;
	FOR r IN
		SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = nsp AND c.relkind IN ('r', 'v')
			AND c.relname IN (t.prefix || '_claim_spread', t.prefix || '_claim_speakers', t.prefix || '_disputed_claims',
							  t.prefix || '_claims', t.prefix || '_claim_anchors')
			AND (c.relkind = 'v' OR obj_description(c.oid, 'pg_class') ~ 'whosaid\.track_claims\(\)')
		ORDER BY c.relkind DESC
	LOOP
		EXECUTE format('DROP %s IF EXISTS %s', CASE WHEN (SELECT relkind FROM pg_class WHERE oid = r) = 'v' THEN 'VIEW' ELSE 'TABLE' END, r);
	END LOOP;
	FOR r, nsp IN SELECT g.tgrelid, g.tgname FROM pg_trigger g
				  WHERE g.tgrelid = t.quotes_table AND g.tgname IN ('whosaid_claims_insert', 'whosaid_claims_delete') LOOP
		EXECUTE format('DROP TRIGGER %I ON %s', nsp, r);
	END LOOP;
END
$$;
COMMENT ON FUNCTION whosaid._claims_drop(whosaid.tracked) IS
'internal: drops the claims table, its anchors and the claim views of a tracked table';
