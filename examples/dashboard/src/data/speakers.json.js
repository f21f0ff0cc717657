// Top speakers: quotes per week and speaker (<prefix>_who_said_what), the speakers over the
// whole table (<prefix>_top_speakers) and each week's top ten (whosaid.top_speakers()).
import {ident, load} from "./whosaid.js";

await load(async (client, t) => {
  const weekly = await client.query(
    `SELECT pg_catalog.date_trunc('week', w.${ident(t.time)})::date::text AS week, w.speaker, count(*)::int AS quotes
     FROM ${t.view("who_said_what")} w WHERE w.speaker IS NOT NULL
     GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`
  );
  const top = await client.query(
    `SELECT speaker, quotes::int, articles::int, first_quoted, last_quoted FROM ${t.view("top_speakers")} LIMIT 100`
  );
  const weeks = [...new Set(weekly.rows.map((r) => r.week))];
  const byWeek = {};
  for (const week of weeks) {
    const r = await client.query(
      `SELECT speaker, quotes::int, articles::int
       FROM whosaid.top_speakers($1::oid::regclass, since => $2::date, until => $2::date + 7, top => 10)`,
      [t.oid, week]
    );
    byWeek[week] = r.rows;
  }
  return {table: t.tbl, weekly: weekly.rows, top: top.rows, weeks, byWeek};
});
