-- Planner costs of the extraction functions (issue 21, item 16): realistic,
-- against to_tsvector's 100, instead of the default 1 (src/sql/70_costs.sql).
SELECT p.oid::regprocedure AS function, p.procost, p.prorows
FROM pg_proc p
WHERE p.oid IN ('whosaid.quotes(text)'::regprocedure, 'whosaid.actors(text)'::regprocedure,
				'whosaid.mentions(text)'::regprocedure, 'whosaid.to_actorvec(text)'::regprocedure,
				'whosaid.highlight(text, whosaid.actorquery, text)'::regprocedure,
				'to_tsvector(regconfig, text)'::regprocedure)
ORDER BY p.procost DESC, p.oid::regprocedure::text COLLATE "C";

-- the planner evaluates a cheap condition first (md5(body) = ... costs 2
-- cpu_operator_cost; the extraction 76, not 2)
CREATE TEMP TABLE costs_docs (id int, body text);
EXPLAIN (COSTS OFF) SELECT id FROM costs_docs
WHERE whosaid.to_actorvec(body) OPERATOR(whosaid.@>) 'MI5'::whosaid.actorvec AND md5(body) = 'x';
