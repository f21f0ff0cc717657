-- 70_costs.sql — planner costs of the extraction functions, in units of
-- cpu_operator_cost, against to_tsvector's 100: the time per call over the
-- same texts relative to to_tsvector('english', body) (README "Performance":
-- quotes 0.72x, actors 0.55x; measured again over the seed articles, 600
-- calls each, best of 3: quotes 0.93x, actors 0.52x, mentions 0.57x,
-- to_actorvec 0.74x, highlight 0.99x). The planner charges a set-returning
-- function's COST once per call (Function Scan and ProjectSet alike), so
-- these are per call, not per returned row. With the default COST 1 the
-- planner took a call for as cheap as an integer comparison: it would, e.g.,
-- evaluate whosaid.to_actorvec(body) for every row before a cheap filter.

ALTER FUNCTION whosaid.quotes(text) COST 80;
ALTER FUNCTION whosaid.quote_parts(text) COST 80;
ALTER FUNCTION whosaid.actors(text) COST 55;
ALTER FUNCTION whosaid.mentions(text) COST 60;
ALTER FUNCTION whosaid.to_actorvec(text) COST 75;
ALTER FUNCTION whosaid.highlight(text, whosaid.actorquery, text) COST 100;
