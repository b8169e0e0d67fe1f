// The operator console in a real browser: headless Chromium (the system's, never a downloaded one) driven by
// playwright-core against a running Vitrine. Started by io.vitrine.console.ConsoleBrowserIT, which boots the packaged
// jar; reads VITRINE_URL, VITRINE_ADMIN_KEY, VITRINE_CLIENT_KEY, CHROMIUM_PATH and SCREENSHOTS from the environment
// (keys never go in a URL or an argument). Prints one JSON line of what it checked; exits non-zero on the first failed
// check, after a screenshot of the page it failed on.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.env.VITRINE_URL.replace(/\/$/, "");
const adminKey = process.env.VITRINE_ADMIN_KEY;
const clientKey = process.env.VITRINE_CLIENT_KEY;
const shots = process.env.SCREENSHOTS;
mkdirSync(shots, { recursive: true });

const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"];
const checks = [];
const screenshots = [];
const profiles = [];
const cspViolations = [];
let page;

function check(condition, what, detail) {
  if (!condition) {
    throw new Error("check failed: " + what + (detail === undefined ? "" : ": " + JSON.stringify(detail)));
  }
  checks.push(what);
}

async function shot(name) {
  const path = join(shots, name + ".png");
  await page.screenshot({ path, fullPage: true });
  screenshots.push(path);
}

async function api(method, path, body, key = adminKey) {
  const response = await fetch(base + path, {
    method,
    headers: { "X-Api-Key": key, "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function browserContext(javaScriptEnabled) {
  const dir = mkdtempSync(join(tmpdir(), "vitrine-chromium-"));
  profiles.push(dir);
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    javaScriptEnabled,
    viewport: { width: 1360, height: 900 },
  });
}

/** The field problems a console page lists, as {field, message} like the API's errors. */
async function problems() {
  return page.$$eval("#problems li", (items) => items.map((li) => ({
    field: li.getAttribute("data-field"),
    message: li.querySelector(".message").textContent,
  })));
}

async function login(context) {
  page = context.pages()[0] || await context.newPage();
  await page.goto(base + "/console");
  check(page.url().endsWith("/console/login"), "an unauthenticated visit lands on the login page", page.url());
  await page.fill("#key", adminKey);
  await Promise.all([page.waitForURL(base + "/console"), page.click("#login-form button[type=submit]")]);
  check((await page.textContent("h1")) === "Overview", "the login opens the overview");
}

const started = Date.now();
const context = await browserContext(true);
try {
  page = context.pages()[0] || await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/.test(m.text())) {
      cspViolations.push(m.text());
    }
  });
  await page.goto(base + "/console");
  check(page.url().endsWith("/console/login"), "an unauthenticated visit lands on the login page", page.url());
  await shot("01-login");
  await page.fill("#key", "not-the-key");
  await page.click("#login-form button[type=submit]");
  check((await page.textContent("#key-error")).includes("is not a valid API key"), "a wrong key is refused");
  await page.fill("#key", adminKey);
  await Promise.all([page.waitForURL(base + "/console"), page.click("#login-form button[type=submit]")]);
  check((await page.textContent("h1")) === "Overview", "the admin key opens the overview");
  const session = (await context.cookies()).find((c) => c.name === "vitrine_console");
  check(session && session.httpOnly && session.sameSite === "Strict", "the session cookie is HttpOnly and Strict",
    session);
  check(!session.value.includes(adminKey) && !page.url().includes(adminKey), "the key is in no cookie and no URL");
  await shot("02-overview");

  // A catalog to recommend from.
  const items = [];
  const categories = ["phone", "case", "charger", "earbuds"];
  for (let i = 0; i < 24; i++) {
    items.push({ itemId: "e2e-" + i, title: "Item " + i, category: categories[i % 4], brand: i % 3 ? "acme" : "volt",
      price: 10 + i, currency: "EUR", createdAt: new Date(Date.now() - (1 + i) * 3_600_000).toISOString() });
  }
  check((await api("POST", "/v1/items/batch", { items })).status === 200, "the catalog is imported");
  // Some browsing before the experiment, so the trending lists have something.
  const views = items.map((item, i) => ({ eventId: "e2e-view-" + i + "-" + Date.now(), userId: "e2e-browser-" + (i % 5),
    type: "view", itemId: item.itemId }));
  check((await api("POST", "/v1/feedback", { events: views }, clientKey)).status === 202, "browsing is recorded");

  // Bad input in the create form: the page lists exactly the API's field problems for the same body.
  const id = "e2e-" + Math.random().toString(36).slice(2, 10);
  await page.goto(base + "/console/experiments");
  await page.fill("input[name=id]", id);
  await page.fill("input[name=layer]", "recommend");
  await page.fill("input[name=coverage]", "1.5");
  await page.fill("input[name='variant1.name']", "b b");
  await page.fill("input[name='variant1.params']", "{\"rerank.diversity.window\": -3}");
  await page.click("#create-experiment button[type=submit]");
  const shown = await problems();
  const refused = await api("PUT", "/v1/experiments/" + id, { layer: "recommend", status: "running", coverage: 1.5,
    offset: 0, variants: [{ name: "control", weight: 1 }, { name: "b b", weight: 1,
      params: { "rerank.diversity.window": -3 } }] });
  check(refused.status === 400 && shown.length >= 2, "the form and the API both refuse the input",
    { shown, api: refused.body });
  check(JSON.stringify(shown) === JSON.stringify(refused.body.errors), "the form shows the API's field problems",
    { shown, api: refused.body.errors });
  await shot("03-form-problems");

  // A valid experiment in the recommend layer: variant "narrow" allows one item per category in the window.
  await page.fill("input[name=coverage]", "1");
  await page.fill("input[name='variant1.name']", "narrow");
  await page.fill("input[name='variant1.params']", "{\"rerank.diversity.max-per-category\": 1}");
  await Promise.all([page.waitForURL(base + "/console/experiments/" + id),
    page.click("#create-experiment button[type=submit]")]);
  check((await page.getAttribute("#definition", "data-status")) === "running", "the experiment runs");

  // Traffic: recommendations, and feedback that names them, over the last three days.
  const users = [];
  let sentEvents = 0;
  let sentImpressions = 0;
  for (let u = 0; u < 40; u++) {
    const user = "e2e-user-" + u;
    users.push(user);
    const list = await api("POST", "/v1/recommend", { userId: user, count: 4 }, clientKey);
    check(list.status === 200 && list.body.items.length > 0, "recommend answers " + user, list.body);
    const at = new Date(Date.now() - (u % 3) * 86_400_000 - 60_000).toISOString();
    const events = list.body.items.map((item, k) => ({ eventId: `${id}-${u}-i${k}`, userId: user, type: "impression",
      itemId: item.itemId, requestId: list.body.requestId, timestamp: at }));
    if (u % 2 === 0) {
      events.push({ eventId: `${id}-${u}-c`, userId: user, type: "click", itemId: list.body.items[0].itemId,
        requestId: list.body.requestId, timestamp: at });
    }
    if (u % 5 === 0) {
      events.push({ eventId: `${id}-${u}-p`, userId: user, type: "purchase", itemId: list.body.items[0].itemId,
        requestId: list.body.requestId, timestamp: at, value: 25, quantity: 1 });
    }
    const sent = await api("POST", "/v1/feedback", { events }, clientKey);
    check(sent.status === 202 && sent.body.accepted === events.length, "feedback is stored for " + user, sent.body);
    sentEvents += events.length;
    sentImpressions += list.body.items.length;
  }

  // The report: the plotted estimates are the API report's numbers, the trend has a point per variant and day.
  await page.goto(base + "/console/experiments/" + id);
  const report = (await api("GET", "/v1/experiments/" + id + "/report")).body;
  const plotted = await page.$$eval("#ctr-chart g.estimate", (gs) => gs.map((g) => ({
    variant: g.getAttribute("data-variant"), value: Number(g.getAttribute("data-value")),
    low: Number(g.getAttribute("data-low")), high: Number(g.getAttribute("data-high")) })));
  check(plotted.length === 2, "the CTR plot has both variants", plotted);
  for (const v of report.variants) {
    const p = plotted.find((x) => x.variant === v.name);
    check(p && Math.abs(p.value - v.ctr.value) < 1e-12 && Math.abs(p.low - v.ctr.low) < 1e-12
      && Math.abs(p.high - v.ctr.high) < 1e-12, "the CTR plot of " + v.name + " is the report's", { p, v: v.ctr });
    const impressions = Number(await page.textContent(`#report tr[data-variant='${v.name}'] td[data-metric=impressions]`));
    check(impressions === v.impressions, "the table shows the impressions of " + v.name, { impressions, v });
  }
  const totalImpressions = report.variants.reduce((n, v) => n + v.impressions, 0);
  check(totalImpressions === sentImpressions, "every impression counts in exactly one variant",
    { totalImpressions, sentImpressions });
  const days = new Set(report.variants.flatMap((v) => v.days.map((d) => d.day)));
  check(days.size === 3, "the events fall on three days", [...days]);
  const points = await page.$$eval("#ctr-trend circle.point", (cs) => cs.length);
  const expectedPoints = report.variants.reduce((n, v) => n + v.days.filter((d) => d.ctr.value !== null).length, 0);
  check(points === expectedPoints && points >= 3, "the daily CTR plot has a point per variant and day",
    { points, expectedPoints });
  check(await page.isVisible("#cvr-chart"), "the CVR plot is drawn");
  await page.waitForSelector("#trend-interactive[data-rendered=uplot] canvas", { timeout: 10_000 });
  check(true, "the interactive trend chart (uPlot) draws on a canvas");
  check((await page.$("#srm-warning")) === null || report.sampleRatio.mismatch, "an SRM warning only on a mismatch");
  await shot("04-report");

  // Ramp and stop.
  await page.fill("#ramp-form input[name=coverage]", "0.5");
  await page.click("#ramp-form button[type=submit]");
  check((await page.textContent("#change-result")).includes("Coverage set to 0.5"), "the ramp is applied");
  check((await api("GET", "/v1/experiments/" + id)).body.coverage === 0.5, "the API sees the ramp");

  // Preview: the configured pipeline against the narrow variant, side by side; bad input as recommend refuses it.
  await page.goto(base + "/console/preview");
  await page.fill("input[name=userId]", users[0]);
  await page.fill("input[name=count]", "0");
  await page.click("#preview-form button[type=submit]");
  const previewProblems = await problems();
  const recommendRefused = await api("POST", "/v1/recommend", { userId: users[0], count: 0, explain: true },
    clientKey);
  check(JSON.stringify(previewProblems) === JSON.stringify(recommendRefused.body.errors),
    "the preview shows recommend's field problems", { previewProblems, api: recommendRefused.body.errors });
  await page.fill("input[name=count]", "6");
  await page.selectOption("select[name=a]", id + ":control");
  await page.selectOption("select[name=b]", id + ":narrow");
  await page.click("#preview-form button[type=submit]");
  const columns = await page.$$eval("section.preview", (sections) => sections.map((s) => ({
    title: s.querySelector("h2").textContent,
    rows: [...s.querySelectorAll("tbody tr[data-item]")].map((r) => ({
      item: r.getAttribute("data-item"), sources: r.querySelector(".sources").textContent,
      score: Number(r.querySelector("[data-score]").getAttribute("data-score")) })) })));
  check(columns.length === 2, "two pipelines side by side", columns.map((c) => c.title));
  for (const c of columns) {
    check(c.rows.length > 0 && c.rows.length <= 6, "a previewed list of at most 6 items: " + c.title, c.rows.length);
    check(c.rows.every((r) => r.sources.length > 0 && Number.isFinite(r.score)), "every item names its sources",
      c.rows);
  }
  await shot("05-preview");

  await page.goto(base + "/console/experiments/" + id);
  await page.click("#stop-form button[type=submit]");
  check((await page.getAttribute("#definition", "data-status")) === "stopped", "the experiment is stopped");

  // The overview now shows the traffic: stage latencies and the recommend and feedback rates.
  await page.goto(base + "/console");
  const stages = await page.$$eval("#stages tr[data-stage]", (rows) => rows.map((r) => r.getAttribute("data-stage")));
  check(["user", "recall", "rank", "rerank"].every((s) => stages.includes(s)), "the overview has the stage latencies",
    stages);
  check(Number(await page.textContent("#recommend-rate")) > 0, "the overview shows a recommend rate");
  check(Number(await page.textContent("#feedback-rate")) > 0, "the overview shows a feedback rate");
  await shot("07-overview-after-traffic");

  await page.goto(base + "/console/model");
  check(await page.isVisible("#versions"), "the model page lists the published versions");
  await page.goto(base + "/console/items?itemId=e2e-3");
  check((await page.textContent("#item h2")) === "e2e-3", "the item lookup finds an item");

  // Log out: the session is gone, the pages ask for the key again.
  await Promise.all([page.waitForURL(base + "/console/login"), page.click("#logout")]);
  check(!(await context.cookies()).some((c) => c.name === "vitrine_console"), "logging out removes the cookie");
  await page.goto(base + "/console/experiments/" + id);
  check(page.url().endsWith("/console/login"), "after logout the report needs a login again");
  check(cspViolations.length === 0, "no Content-Security-Policy violation", cspViolations);

  // Reading works without JavaScript: the report's tables and server-drawn plots are there.
  const noScript = await browserContext(false);
  try {
    await login(noScript);
    await page.goto(base + "/console/experiments/" + id);
    const svgPoints = await page.$$eval("#ctr-trend circle.point", (cs) => cs.length);
    check(svgPoints === expectedPoints, "without JavaScript the trend plot is drawn as SVG", svgPoints);
    check((await page.$("#trend-interactive canvas")) === null, "without JavaScript there is no canvas chart");
    await shot("06-report-without-javascript");
  } finally {
    await noScript.close();
  }
  console.log(JSON.stringify({ ok: true, seconds: (Date.now() - started) / 1000, checks: checks.length,
    events: sentEvents, screenshots }));
} catch (e) {
  if (page) {
    try {
      await shot("failure");
    } catch (ignored) {
      // the page may be gone
    }
  }
  console.log(JSON.stringify({ ok: false, error: String(e.stack || e), passed: checks, screenshots }));
  process.exitCode = 1;
} finally {
  await context.close();
  for (const dir of profiles) {
    rmSync(dir, { recursive: true, force: true });
  }
}
