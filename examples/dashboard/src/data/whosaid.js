// What the data loaders and serve.mjs share: a connection (the usual PG* variables) and
// the names of a tracked table's views, looked up in whosaid.tracked. Every name is
// quoted and qualified, and every whosaid function is called as whosaid.f(), so the
// connection needs no search_path.
import pg from "pg";

// The tracked table the dashboard shows (schema-qualified if it is not on the role's path).
export const table = process.env.WHOSAID_TABLE || "articles";

export const ident = (s) => '"' + String(s).replaceAll('"', '""') + '"';

export async function connect() {
  const client = new pg.Client({application_name: "whosaid-dashboard"});
  await client.connect();
  // weeks and days are counted in UTC, whatever the server's TimeZone
  await client.query("SET TimeZone = 'UTC'");
  return client;
}

// The tracked table: its views' qualified names, key, time column, a title column and the
// expression of an actorvec for speaker: searches (a stored actorvec column if it has one).
export async function tracked(client) {
  const {rows} = await client.query(
    `SELECT t.relid::oid AS oid, t.relid::text AS relid, t.prefix, t.key_columns::text[] AS keys,
            t.time_column::text AS time, t.body_column::text AS body, n.nspname::text AS schema,
            (SELECT pg_catalog.format('%I.%I', tn.nspname, tc.relname) FROM pg_catalog.pg_class tc
               JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace WHERE tc.oid = t.relid) AS tbl,
            (SELECT a.attname::text FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = t.relid AND a.attnum > 0 AND NOT a.attisdropped
               AND a.attname IN ('title', 'headline', 'name')
             ORDER BY pg_catalog.array_position(ARRAY['title', 'headline', 'name'], a.attname::text) LIMIT 1) AS title,
            (SELECT a.attname::text FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = t.relid AND a.attnum > 0 AND NOT a.attisdropped
               AND a.atttypid = 'whosaid.actorvec'::pg_catalog.regtype ORDER BY a.attnum LIMIT 1) AS actorvec
     FROM whosaid.tracked t
       JOIN pg_catalog.pg_class c ON c.oid = t.quotes_table
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE t.relid = pg_catalog.to_regclass($1)`,
    [table]
  );
  if (rows.length === 0) throw new Error(`${table} is not a table tracked by whosaid: run examples/dashboard/load.sh or whosaid.track('${table}')`);
  const t = rows[0];
  if (!t.time) throw new Error(`${t.relid} is tracked without a time column: track it with time_column => '...'`);
  t.view = (suffix) => `${ident(t.schema)}.${ident(t.prefix + "_" + suffix)}`;
  t.exists = async (suffix) =>
    (await client.query("SELECT pg_catalog.to_regclass($1) IS NOT NULL AS ok", [t.view(suffix)])).rows[0].ok;
  // join a view aliased w to the table aliased a on the key columns
  t.join = t.keys.map((k) => `a.${ident(k)} = w.${ident(k)}`).join(" AND ");
  t.key = t.keys.length === 1 ? `w.${ident(t.keys[0])}::text` : `concat_ws('/', ${t.keys.map((k) => `w.${ident(k)}`).join(", ")})`;
  t.titleExpr = t.title ? `a.${ident(t.title)}::text` : t.key;
  t.actorvecExpr = t.actorvec ? `a.${ident(t.actorvec)}` : `whosaid.to_actorvec(a.${ident(t.body)})`;
  return t;
}

// Quotes of the rows whose actors match a whosaid.actorquery (speaker:Parker, org:MI5 & !Facebook),
// latest first. Used by serve.mjs for the live search box.
export async function searchQuotes(client, t, query, limit = 200) {
  const {rows} = await client.query(
    `SELECT ${t.key} AS key, w.${ident(t.time)} AS time, w.n, w.speaker, w.speaker_kind, w.cue, w.content,
            ${t.titleExpr} AS title
     FROM ${t.view("who_said_what")} w JOIN ${t.tbl} a ON ${t.join}
     WHERE whosaid.matches(${t.actorvecExpr}, $1)
     ORDER BY w.${ident(t.time)} DESC, 1, w.n LIMIT $2`,
    [query, limit]
  );
  return rows;
}

// The claims that some words match, best first: whosaid.who_said() (claims of tracked tables).
export async function whoSaid(client, t, words, limit = 20) {
  const {rows} = await client.query(
    "SELECT * FROM whosaid.who_said($1::oid::pg_catalog.regclass, $2, $3)",
    [t.oid, words, limit]
  );
  return rows;
}

// Run a loader: print what it returns as JSON, or fail with the error's message.
export async function load(f) {
  const client = await connect();
  try {
    const t = await tracked(client);
    process.stdout.write(JSON.stringify({table: t.tbl, prefix: t.prefix, ...(await f(client, t))}));
  } finally {
    await client.end();
  }
}
