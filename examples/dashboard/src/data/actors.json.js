// Actors: who appears with whom (<prefix>_actor_pairs, and whosaid.actor_pairs() for each
// week, when the installed whosaid has it) and the actors named most often
// (<prefix>_named_actors).
import {ident, load} from "./whosaid.js";

await load(async (client, t) => {
  const actors = await client.query(
    `SELECT w.actor, w.kind, count(*)::int AS articles, sum(w.mentions)::int AS mentions,
            count(*) FILTER (WHERE w.quoted)::int AS quoted_in
     FROM ${t.view("named_actors")} w GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1 LIMIT 200`
  );
  const pairs = await client.query(
    `SELECT actor, kind, other_actor, other_kind, articles::int
     FROM ${t.view("actor_pairs")} ORDER BY articles DESC, actor, other_actor LIMIT 5000`
  );
  // whosaid.actor_pairs() (0.2) counts the pairs in a time window: one per week
  const byWeek = {};
  const windowed = (await client.query(
    "SELECT pg_catalog.to_regprocedure('whosaid.actor_pairs(regclass, timestamptz, timestamptz, integer)') IS NOT NULL AS ok"
  )).rows[0].ok;
  if (windowed) {
    const weeks = await client.query(
      `SELECT DISTINCT pg_catalog.date_trunc('week', w.${ident(t.time)})::date::text AS week
       FROM ${t.view("named_actors")} w WHERE w.${ident(t.time)} IS NOT NULL ORDER BY 1`
    );
    for (const {week} of weeks.rows) {
      const r = await client.query(
        `SELECT actor, kind, other_actor, other_kind, articles::int
         FROM whosaid.actor_pairs($1::oid::pg_catalog.regclass, since => $2::date, until => $2::date + 7, top => 2000)`,
        [t.oid, week]
      );
      byWeek[week] = r.rows;
    }
  }
  return {actors: actors.rows, pairs: pairs.rows, byWeek};
});
