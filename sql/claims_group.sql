-- whosaid._claims_group() (claim_anchors.c over the engine's ws_cv_group):
-- the grouping of a statement's new quotes into claims, against the set-based
-- SQL it replaced (every pair sharing an anchor compared, each quote's first
-- match, followed to the earliest quote of its chain) on generated quotes
-- with many shared runs: variants, trimmed copies, ellipses, chance overlaps,
-- copies that normalise to the same value (joined without comparing), and
-- quotes of no words (which match nothing, not even each other).
CREATE TEMP TABLE gq AS
SELECT i, whosaid.to_claimvec(content) AS cv, content
FROM (
	SELECT row_number() OVER (ORDER BY s, v) AS i, content
	FROM generate_series(1, 120) s
		CROSS JOIN LATERAL (SELECT array_agg(w ORDER BY k) AS words
			FROM generate_series(1, 6 + s % 15) k
				CROSS JOIN LATERAL (SELECT (ARRAY['the','troops','told','leaders','get','in','line','we',
					'are','going','dark','on','this','one','very','clearly','it','was','plan','serious'])
					[1 + abs(hashint4(s / 3 * 100 + k + (s % 3) * (k % 2)))::int % 20] AS w) x) b
		CROSS JOIN LATERAL (VALUES
			(1, array_to_string(b.words, ' ')),
			(2, array_to_string(b.words[2:], ' ')),
			(3, array_to_string(b.words[1:3], ' ') || ' ... ' || array_to_string(b.words[5:], ' ')),
			(4, array_to_string(b.words[1:cardinality(b.words) - 2] || ARRAY['indeed'], ' ')),
			(5, '"' || upper(array_to_string(b.words, ' ')) || '!"'),
			(6, CASE WHEN s % 10 = 0 THEN '...' END)) v(v, content)
	WHERE (s % 4 <> 0 OR v.v = 1) AND (v.v <> 5 OR s % 3 = 0) AND v.content IS NOT NULL) q;
SELECT count(*) AS quotes FROM gq;
-- the reference: the pairs of quotes sharing an anchor, each quote's first match
CREATE TEMP TABLE ga AS SELECT gq.i, a FROM gq, unnest(whosaid._claim_anchors(gq.cv)) a;
CREATE TEMP TABLE ref AS
WITH RECURSIVE
fm AS (SELECT p.j, min(p.i) AS i
	   FROM (SELECT DISTINCT a.i, b.i AS j FROM ga a JOIN ga b ON b.a = a.a AND b.i > a.i) p
		   JOIN gq x ON x.i = p.i JOIN gq y ON y.i = p.j
	   WHERE whosaid.claim_similarity(x.cv, y.cv) >= whosaid._claims_threshold()
	   GROUP BY p.j),
ch(j, i) AS (SELECT fm.j, fm.i FROM fm UNION ALL SELECT ch.j, fm.i FROM ch JOIN fm ON fm.j = ch.i)
SELECT gq.i, coalesce((SELECT min(ch.i) FROM ch WHERE ch.j = gq.i), gq.i) AS root FROM gq;
CREATE TEMP TABLE agg AS
SELECT u.i, u.root
FROM (SELECT array_agg(i ORDER BY i) AS i,
			 whosaid._claims_group(i, cv, whosaid._claims_threshold() ORDER BY i) AS root FROM gq) x,
	ROWS FROM (unnest(x.i), unnest(x.root)) u(i, root);
-- not a trivial grouping: quotes that join an earlier one, and claims of several quotes
SELECT count(*) FILTER (WHERE root <> i) AS joined, count(DISTINCT root) AS claims,
	   (SELECT count(*) FROM (SELECT root FROM ref GROUP BY root HAVING count(*) >= 3) x) AS claims_of_3_or_more
FROM ref;
SELECT count(*) AS differ FROM ref FULL JOIN agg USING (i) WHERE ref.root IS DISTINCT FROM agg.root;
-- the copies and the quotes of no words
SELECT count(*) FILTER (WHERE EXISTS (SELECT FROM gq e WHERE e.i < gq.i AND e.cv::text = gq.cv::text)) AS copies,
	   count(*) FILTER (WHERE whosaid.claim_words(cv) = 0) AS no_words,
	   count(*) FILTER (WHERE whosaid.claim_words(cv) = 0 AND agg.root = agg.i) AS no_words_alone
FROM gq JOIN agg USING (i);
-- i is the time order: each claim's first quote leads it. The aggregate
-- sorts its input by i itself (the call needs no ORDER BY, which would sort
-- the claimvecs): given in reverse, the result is the same, in the order of i
SELECT bool_and(root <= i) AS earliest_leads FROM agg;
SELECT count(*) AS quotes, count(*) FILTER (WHERE agg.root IS DISTINCT FROM u.root) AS differ
FROM (SELECT array_agg(i ORDER BY i) AS i, whosaid._claims_group(i, cv, 0.6 ORDER BY i DESC) AS root FROM gq) x,
	ROWS FROM (unnest(x.i), unnest(x.root)) u(i, root)
	JOIN agg ON agg.i = u.i;
SELECT count(*) AS quotes, count(*) FILTER (WHERE agg.root IS DISTINCT FROM u.root) AS differ
FROM (SELECT array_agg(i ORDER BY i) AS i, whosaid._claims_group(i, cv, 0.6) AS root
	  FROM (SELECT * FROM gq ORDER BY hashint8(i)) r) x,
	ROWS FROM (unnest(x.i), unnest(x.root)) u(i, root)
	JOIN agg ON agg.i = u.i;
-- nothing to group
SELECT whosaid._claims_group(i, cv, 0.6) IS NULL AS empty FROM gq WHERE false;
SELECT whosaid._claims_group(i, NULL, 0.6) FROM gq;
