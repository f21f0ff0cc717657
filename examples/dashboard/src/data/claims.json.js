// Claims: the most spread claims with their timeline (<prefix>_claim_spread), the speakers
// they are credited to (<prefix>_claim_speakers) and the disputed claims
// (<prefix>_disputed_claims); the claims' words come from <prefix>_claims. These exist once
// whosaid.track_claims() was called on the table (load.sh does when the function exists);
// without them the page says so.
import {load} from "./whosaid.js";

await load(async (client, t) => {
  const missing = [];
  for (const v of ["claim_spread", "claim_speakers", "disputed_claims"])
    if (!(await t.exists(v))) missing.push(t.prefix + "_" + v);
  const whoSaid = (await client.query(
    "SELECT pg_catalog.to_regprocedure('whosaid.who_said(regclass, text, integer)') IS NOT NULL AS ok"
  )).rows[0].ok;
  if (missing.length) return {enabled: false, missing, whoSaid};
  const content = (await t.exists("claims"))
    ? `(SELECT c.content FROM ${t.view("claims")} c WHERE c.claim = s.claim)`
    : "NULL::text";
  const top = await client.query(
    `SELECT s.claim::text AS claim, ${content} AS content, sum(s.articles)::int AS articles,
            sum(s.quotes)::int AS quotes, min(s.day)::text AS first_day, max(s.day)::text AS last_day
     FROM ${t.view("claim_spread")} s GROUP BY s.claim ORDER BY 3 DESC, 4 DESC, 1 LIMIT 20`
  );
  const ids = top.rows.map((r) => r.claim);
  const timeline = await client.query(
    `SELECT claim::text AS claim, day::text AS day, articles::int, quotes::int
     FROM ${t.view("claim_spread")} WHERE claim::text = ANY ($1) ORDER BY 1, 2`,
    [ids]
  );
  const speakers = await client.query(
    `SELECT claim::text AS claim, speaker, quotes::int, first_seen
     FROM ${t.view("claim_speakers")} WHERE claim::text = ANY ($1) ORDER BY 1, 3 DESC, 2`,
    [ids]
  );
  const disputed = await client.query(
    `SELECT d.*, d.claim::text AS claim FROM ${t.view("disputed_claims")} d
     ORDER BY d.claim, d.quotes DESC, d.speaker LIMIT 300`
  );
  return {enabled: true, whoSaid, top: top.rows, timeline: timeline.rows, speakers: speakers.rows,
          disputed: disputed.rows};
});
