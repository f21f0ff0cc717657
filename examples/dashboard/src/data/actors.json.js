// Actors: who appears with whom (<prefix>_actor_pairs) and the actors named most often
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
  return {table: t.tbl, actors: actors.rows, pairs: pairs.rows};
});
