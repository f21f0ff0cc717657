// serve.mjs — serve the built dashboard, with a live speaker: search.
//
//   node serve.mjs [PORT]      (default 3000; the PG* variables name the database)
//
// Serves the static site of `observable build` (dist/, or $DASHBOARD_OUTPUT) and answers, as
// JSON, GET api/quotes?q=QUERY with the quotes of the tracked table's rows that
// whosaid.matches(actors, QUERY) — a whosaid.actorquery such as speaker:Parker — and
// GET api/who_said?words=WORDS with whosaid.who_said(table, WORDS) (the claims those words
// match, when the table has claims). A malformed query is a 400 with whosaid's message.
import {createReadStream} from "node:fs";
import {stat} from "node:fs/promises";
import {createServer} from "node:http";
import {extname, join, normalize, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {connect, searchQuotes, tracked, whoSaid} from "./src/data/whosaid.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, process.env.DASHBOARD_OUTPUT || "dist");
const port = Number(process.argv[2] || process.env.PORT || 3000);
const types = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
               ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml"};

const client = await connect();
const table = await tracked(client);

function send(res, status, body, type = "application/json") {
  res.writeHead(status, {"content-type": type, "cache-control": "no-store"});
  res.end(type === "application/json" ? JSON.stringify(body) : body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname === "/api/quotes" || url.pathname === "/api/who_said") {
    const q = url.searchParams.get(url.pathname === "/api/quotes" ? "q" : "words") ?? "";
    try {
      const rows = url.pathname === "/api/quotes" ? await searchQuotes(client, table, q) : await whoSaid(client, table, q);
      send(res, 200, {query: q, rows});
    } catch (e) {
      // 22P02 and 42601: the query does not parse as a whosaid.actorquery;
      // 42P01: the table has no claims
      const bad = e.code === "22P02" || e.code === "42601" || e.code === "42P01";
      send(res, bad ? 400 : 500, {error: e.message, hint: e.hint ?? null});
      if (!bad) console.error(e);
    }
    return;
  }
  let path = normalize(decodeURIComponent(url.pathname));
  if (path.endsWith("/")) path += "index.html";
  let file = join(root, path);
  if (!file.startsWith(root)) return send(res, 403, "forbidden", "text/plain");
  try {
    if (!extname(file)) file += ".html";
    if (!(await stat(file)).isFile()) throw new Error("not a file");
  } catch {
    return send(res, 404, "not found", "text/plain");
  }
  res.writeHead(200, {"content-type": types[extname(file)] ?? "application/octet-stream"});
  createReadStream(file).pipe(res);
});
server.listen(port, "127.0.0.1", () => console.log(`serve.mjs: http://127.0.0.1:${port}/ (${table.tbl})`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => client.end().then(() => process.exit(0))));
