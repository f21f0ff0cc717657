// Claims: the most spread claims with their timeline (<prefix>_claim_spread) and speakers
// (<prefix>_claim_speakers), and the disputed claims (<prefix>_disputed_claims). Those
// views come with whosaid's claims of tracked tables; without them the page says so.
import {load} from "./whosaid.js";

await load(async (client, t) => {
  const wanted = ["claim_spread", "claim_speakers", "disputed_claims"];
  const missing = [];
  for (const v of wanted) if (!(await t.exists(v))) missing.push(t.prefix + "_" + v);
  const whoSaid = (await client.query(
    `SELECT EXISTS (SELECT FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'whosaid' AND p.proname = 'who_said') AS ok`
  )).rows[0].ok;
  if (missing.length) return {table: t.tbl, enabled: false, missing, whoSaid};
  const top = await client.query(
    `SELECT claim::text, sum(articles)::int AS articles, sum(quotes)::int AS quotes,
            min(day)::date::text AS first_day, max(day)::date::text AS last_day
     FROM ${t.view("claim_spread")} GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT 20`
  );
  const claims = top.rows.map((r) => r.claim);
  const timeline = await client.query(
    `SELECT claim::text, day::date::text AS day, articles::int, quotes::int
     FROM ${t.view("claim_spread")} WHERE claim::text = ANY ($1) ORDER BY 1, 2`,
    [claims]
  );
  const speakers = await client.query(
    `SELECT claim::text, speaker, quotes::int, first_seen
     FROM ${t.view("claim_speakers")} WHERE claim::text = ANY ($1) ORDER BY 1, 3 DESC, 2`,
    [claims]
  );
  const disputed = await client.query(`SELECT * FROM ${t.view("disputed_claims")} LIMIT 200`);
  return {table: t.tbl, enabled: true, whoSaid, top: top.rows, timeline: timeline.rows,
          speakers: speakers.rows, disputed: disputed.rows};
});
