// Who said what: the latest quotes (<prefix>_who_said_what) with the row's title, and the
// speakers with their number of quotes (<prefix>_top_speakers) for the search box's hints.
import {ident, load} from "./whosaid.js";

await load(async (client, t) => {
  const quotes = await client.query(
    `SELECT ${t.key} AS key, w.${ident(t.time)} AS time, w.n, w.speaker, w.speaker_kind, w.speaker_role,
            w.speaker_affiliation, w.cue, w.content, ${t.titleExpr} AS title
     FROM ${t.view("who_said_what")} w JOIN ${t.tbl} a ON ${t.join}
     ORDER BY w.${ident(t.time)} DESC, 1, w.n LIMIT 500`
  );
  const speakers = await client.query(
    `SELECT speaker, quotes::int, articles::int FROM ${t.view("top_speakers")} LIMIT 200`
  );
  const total = await client.query(`SELECT count(*)::int AS quotes FROM ${t.view("who_said_what")}`);
  return {table: t.tbl, time_column: t.time, total: total.rows[0].quotes, quotes: quotes.rows, speakers: speakers.rows};
});
