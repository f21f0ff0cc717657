// test/dashboard/check.mjs — open every page of the built dashboard in headless Chromium
// and check that it shows its charts and tables with data, with no console error, no
// failed request and no request off the dashboard's own host; save a screenshot of each.
//
//   node test/dashboard/check.mjs BASE_URL OUTDIR
//
// playwright-core comes from examples/dashboard/node_modules; the browser is Debian's
// chromium ($CHROMIUM, default /usr/bin/chromium). Exits non-zero on the first failure.
import {createRequire} from "node:module";
import {mkdirSync} from "node:fs";

const require = createRequire(new URL("../../examples/dashboard/package.json", import.meta.url));
const {chromium} = require("playwright-core");
const [base, outdir] = process.argv.slice(2);
mkdirSync(outdir, {recursive: true});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
});
let failures = 0;
const fail = (page, msg) => {
  console.log(`not ok: ${page}: ${msg}`);
  failures++;
};

async function open(name, path, checks) {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const errors = [];
  const origin = new URL(base).origin;
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));
  // nothing may come from another host (a CDN): such a request is refused and reported
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:")) return route.continue();
    errors.push(`remote request: ${url}`);
    return route.abort();
  });
  await page.goto(base + path, {waitUntil: "networkidle"});
  // Framework shows a failed cell as .observablehq--error
  try {
    await page.waitForFunction(() => document.querySelectorAll("#observablehq-main .observablehq--loading").length === 0, null, {timeout: 20000});
  } catch {
    fail(name, "cells still loading after 20 s");
  }
  for (const e of await page.$$eval(".observablehq--error", (els) => els.map((el) => el.textContent))) errors.push(`cell error: ${e}`);
  const before = failures;
  const found = await checks(page);
  const file = `${outdir}/${name}.png`;
  await page.screenshot({path: file, fullPage: true});
  for (const e of errors) fail(name, e);
  console.log(`${failures > before ? "not ok" : "ok"}: ${name}: ${found}; ${file}`);
  await page.close();
}

// Charts: Plot's <svg> figures with marks; tables: Inputs.table rows with text.
async function count(page, name, {charts = 1, tables = 1}) {
  const n = await page.evaluate(() => ({
    charts: [...document.querySelectorAll("#observablehq-main svg")]
      .filter((s) => s.querySelector(':scope > g[aria-label="bar"] > *, :scope > g[aria-label="cell"] > *, :scope > g[aria-label="rect"] > *')).length,
    tables: [...document.querySelectorAll("#observablehq-main table")].filter((t) => t.querySelectorAll("tbody tr").length > 0).length,
    rows: [...document.querySelectorAll("#observablehq-main table tbody tr")].length
  }));
  if (n.charts < charts) fail(name, `${n.charts} charts with marks, want ${charts}`);
  if (n.tables < tables) fail(name, `${n.tables} tables with rows, want ${tables}`);
  return `${n.charts} charts, ${n.tables} tables, ${n.rows} table rows`;
}

await open("who-said-what", "/index.html", async (page) => {
  const before = await count(page, "who-said-what", {charts: 1, tables: 1});
  // the search box: a live whosaid.matches() through serve.mjs
  await page.fill("form input[type=text]", "speaker:Parker");
  await page.press("form input[type=text]", "Enter");
  await page.waitForFunction(() => document.querySelector("#search-status")?.textContent.startsWith("live"), null, {timeout: 10000})
    .catch(() => fail("who-said-what", "the search did not answer live within 10 s"));
  const speakers = await page.$$eval("#observablehq-main table tbody tr", (rows) => rows.map((r) => r.textContent));
  if (!speakers.length || !speakers.every((t) => t.includes("Parker"))) fail("who-said-what", `speaker:Parker shows ${speakers.length} rows, not all Parker's`);
  const status = await page.textContent("#search-status");
  return `${before}; search: ${status}`;
});
await open("top-speakers", "/speakers.html", (page) => count(page, "top-speakers", {charts: 1, tables: 2}));
await open("actors", "/actors.html", async (page) => {
  const found = await count(page, "actors", {charts: 2, tables: 1});
  // a week: whosaid.actor_pairs() in that window instead of the view
  const select = page.locator("form", {hasText: "Week of"}).locator("select");
  const weeks = await select.locator("option").allTextContents();
  if (weeks.length < 2) return fail("actors", `week choices: ${weeks.join(", ")}`), found;
  await select.selectOption({label: weeks[1]});
  await page.waitForFunction(() => [...document.querySelectorAll("#observablehq-main p.muted")]
    .some((p) => p.textContent.startsWith("whosaid.actor_pairs(")), null, {timeout: 10000})
    .catch(() => fail("actors", "choosing a week did not switch to whosaid.actor_pairs()"));
  const rows = await page.$$eval("#observablehq-main table tbody tr", (r) => r.length);
  if (rows === 0) fail("actors", `the week of ${weeks[1]} shows no pairs`);
  return `${found}; week of ${weeks[1]}: ${rows} pairs from whosaid.actor_pairs()`;
});
await open("claims", "/claims.html", async (page) => {
  if (await page.$("#claims-missing")) return "no claims views: " + (await page.textContent("#claims-missing")).replace(/\s+/g, " ").trim();
  const found = await count(page, "claims", {charts: 1, tables: 3});
  // Who said…: whosaid.who_said() through serve.mjs, with the first words of the top claim
  const box = page.locator("form", {hasText: "Who said"}).locator("input[type=text]");
  if ((await box.count()) === 0) return found + "; no Who said… box (no whosaid.who_said())";
  const words = await page.$eval("#observablehq-main table tbody tr td:nth-child(2)", (td) => td.textContent.split(/\s+/).slice(0, 4).join(" "));
  const tables = await page.$$eval("#observablehq-main table", (t) => t.length);
  await box.fill(words);
  await box.press("Enter");
  await page.waitForFunction((n) => document.querySelectorAll("#observablehq-main table").length > n, tables, {timeout: 10000})
    .catch(() => fail("claims", `who_said(${JSON.stringify(words)}) showed no table within 10 s`));
  const rows = await page.$$eval("#observablehq-main table", (t) => t.at(-1).querySelectorAll("tbody tr").length);
  if (rows === 0) fail("claims", `who_said(${JSON.stringify(words)}) found nothing`);
  return `${found}; who_said(${JSON.stringify(words)}): ${rows} claims`;
});

await browser.close();
console.log(failures ? `${failures} failures` : "all pages ok");
process.exit(failures ? 1 : 0);
