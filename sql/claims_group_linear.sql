-- whosaid._claims_group() in time linear in its quotations when one anchor is
-- shared by all of them: 30,000 variants of one quote (each with its own
-- number, so none is a word-for-word copy) group into one claim, each joining
-- at its earliest candidate. Copying every earlier position of each anchor
-- before trying any took 16 s for 20,000 of them (quadratic); now well under
-- a second, so the timeout below only fires on a quadratic regression.
SET statement_timeout = '10s';
SELECT count(*) AS quotes, count(DISTINCT r) AS claims
FROM unnest((SELECT whosaid._claims_group(i, whosaid.to_claimvec(
        format('The nurses were telling the managers to fix the rota in ward %s today', i)),
        0.6::real ORDER BY i)
     FROM generate_series(1, 30000) i)) r;
RESET statement_timeout;

-- one threshold for all rows
SELECT whosaid._claims_group(i, whosaid.to_claimvec('the nurses were telling the managers'), CASE WHEN i = 1 THEN 0.6 ELSE 0.7 END::real ORDER BY i)
FROM generate_series(1, 2) i;
