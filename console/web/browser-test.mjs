// The console and the portal in a real browser: Debian's chromium, driven by
// playwright-core, against `kuzet demo`. It signs in, follows a figure to
// its records, confirms a finding and raises a blocking request, answers a
// freeze request, switches language, files a portal report with script in
// its free text and finds it in the console; runs axe-core (WCAG 2.1 A and
// AA) on every page; writes screenshots of the main pages in ru, kk and en
// and the pages' timings. It ends with the line "N passed, N failed".
//
// Usage: node console/web/browser-test.mjs [path/to/kuzet]   (bin/kuzet by default)
// KUZET_SCREENS: where screenshots go (console/web/screens by default).
// CHROMIUM: the browser (/usr/bin/chromium by default; never a downloaded one).
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const bin = resolve(process.argv[2] || join(here, "..", "..", "bin", "kuzet"));
const screens = resolve(process.env.KUZET_SCREENS || join(here, "screens"));
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
mkdirSync(screens, { recursive: true });

let passed = 0, failed = 0;
const failures = [];
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    failures.push(name);
    console.log(`FAIL ${name}: ${e.message.split("\n")[0]}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

// startDemo runs the demo on a free port and reads its console address and
// users from what it prints.
function startDemo() {
  return new Promise((ok, fail) => {
    const p = spawn(bin, ["demo", "--addr", "127.0.0.1:0", "--calls", "2000", "--log-level", "error"],
      { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const timer = setTimeout(() => fail(new Error("the demo did not start in 240 s")), 240_000);
    p.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/Console:\s+(http:\/\/\S+?)\/\s/);
      const table = out.split("ROLE")[1];
      if (m && table && /\n\s*\n/.test(table)) {
        clearTimeout(timer);
        const users = {};
        for (const line of table.split("\n").slice(1)) {
          const f = line.trim().split(/\s+/);
          if (f.length >= 4) users[f[0]] = { name: f[f.length - 2], password: f[f.length - 1] };
        }
        ok({ proc: p, base: m[1], users });
      }
    });
    p.on("exit", (code) => fail(new Error(`the demo exited with ${code}: ${out.slice(-500)}`)));
  });
}

const timings = []; // {page, server_ms, interactive_ms}
async function visit(page, base, path) {
  const resp = await page.goto(base + path, { waitUntil: "load" });
  const t = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0];
    return { server: n.responseStart - n.requestStart, interactive: n.domInteractive - n.startTime };
  });
  timings.push({ page: path.split("?")[0], server_ms: t.server, interactive_ms: t.interactive });
  return resp;
}

const axeSeen = new Set();
async function axe(page, label) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  }));
  axeSeen.add(label);
  const v = r.violations.map((x) => `${x.id} (${x.nodes.length}: ${x.nodes[0].target.join(" ")})`);
  assert(v.length === 0, `axe on ${label}: ${v.join("; ")}`);
}

const demo = await startDemo();
const { base, users } = demo;
console.log(`demo at ${base}, users: ${Object.keys(users).join(", ")}`);
const browser = await chromium.launch({
  executablePath: browserPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
// bypassCSP lets the test inject axe-core; the pages themselves load nothing
// from elsewhere, which the test checks by refusing every outside request.
async function newPage(opts = {}) {
  const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, ...opts });
  await ctx.route((url) => !url.href.startsWith(base), (route) => { outside.push(route.request().url()); route.abort(); });
  const page = await ctx.newPage();
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on("pageerror", (e) => scriptErrors.push(e.message));
  return page;
}
const outside = [], dialogs = [], scriptErrors = [];

async function signIn(page, role) {
  await visit(page, base, "/signin?lang=en");
  await page.fill("#name", users[role].name);
  await page.fill("#password", users[role].password);
  await Promise.all([page.waitForNavigation(), page.click("form.form button[type=submit]")]);
}

let reference = "";
try {
  const police = await newPage();
  await check("police signs in and sees the dashboard", async () => {
    await signIn(police, "police");
    assert(await police.locator("h1", { hasText: "Dashboard" }).count() === 1, "no dashboard heading");
    assert(await police.locator(".figure").count() >= 4, "fewer than 4 figures");
    await axe(police, "dashboard");
  });
  await check("a figure leads to its records: look-alike sites", async () => {
    await Promise.all([police.waitForNavigation(), police.click('a.figure[href^="/web"]')]);
    assert(await police.locator("tr[data-row]").count() > 0, "the triage queue is empty");
    await axe(police, "web");
  });
  await check("confirm a finding with one key, then raise a blocking request", async () => {
    const before = await police.locator("tr[data-row]").count();
    await police.keyboard.press("j");
    await police.keyboard.press("c"); // htmx posts it and removes the row; the page stays
    await police.waitForFunction((n) => document.querySelectorAll("tr[data-row]").length === n, before - 1, { timeout: 5000 });
    assert(await police.locator("tr.selected").count() === 1, "no row is selected after the confirmed one went");
    await police.keyboard.press("d");
    await police.waitForFunction((n) => document.querySelectorAll("tr[data-row]").length === n, before - 2, { timeout: 5000 });
    await visit(police, base, "/web?status=confirmed");
    await axe(police, "web-confirmed");
    await Promise.all([police.waitForNavigation(), police.click('button[form="blocking-form"]')]);
    assert(/\/blocking\/\d+$/.test(police.url()), `not on a blocking request: ${police.url()}`);
    await axe(police, "blocking-request");
  });
  await check("a finding's evidence page", async () => {
    await visit(police, base, "/web?status=new");
    await Promise.all([police.waitForNavigation(), police.locator("tr[data-row] a").first().click()]);
    assert(await police.locator("dl.facts").count() === 1, "no evidence");
    await axe(police, "finding");
  });
  for (const path of ["/simbox", "/telecom", "/audit", "/blocking", "/rules", "/loss", "/indicators?kind=phone&value=%2B77011234567"]) {
    await check(`police page ${path} renders and passes axe`, async () => {
      const r = await visit(police, base, path);
      assert(r.status() === 200, `status ${r.status()}`);
      await axe(police, path);
    });
  }
  let caseURL = "";
  await check("cases: the list, a case, one step along its workflow, a note with script shown as text", async () => {
    await visit(police, base, "/cases?lang=en");
    await axe(police, "cases");
    const link = police.locator('table.data a[href^="/cases/case_"]').first();
    assert(await link.count() === 1, "the case list is empty");
    await Promise.all([police.waitForNavigation(), link.click()]);
    caseURL = new URL(police.url()).pathname;
    await axe(police, "case");
    const before = (await police.textContent("#case-status")).trim();
    const next = police.locator("button[data-next]").first();
    assert(await next.count() === 1, `no workflow button on a case that is ${before}`);
    const to = await next.getAttribute("data-next");
    assert(await police.locator("button[data-next]").count() === 1, "more than one step offered");
    await Promise.all([police.waitForNavigation(), next.click()]);
    const after = (await police.textContent("#case-status")).trim();
    assert(after !== before && await police.locator(".flash").count() === 1, `the case did not move from ${before} to ${to}: ${after}`);
    await police.fill("#ntext", "Called the bank " + `<script>alert("note")</script><img src=x onerror=alert(3)>`);
    await Promise.all([police.waitForNavigation(), police.click('form[action$="/notes"] button[type=submit]')]);
    const text = await police.textContent("#notes");
    assert(text.includes(`<script>alert("note")</script>`), "the note is not shown as text");
    assert(await police.locator("main script, main img").count() === 0, "script or image elements made from the note");
    await axe(police, "case-after");
  });
  await check("the link graph: drawn, a node expanded, a type hidden", async () => {
    await visit(police, base, "/graph?lang=en");
    await police.waitForSelector('#graph[data-loads="1"]', { timeout: 10000 });
    await axe(police, "graph");
    const nodes = async () => Number(await police.getAttribute("#graph", "data-nodes"));
    const first = await nodes();
    assert(first >= 2, `the graph has ${first} nodes`);
    // Expand the farthest nodes (listed last) until one brings new ones.
    const values = await police.$$eval("#graph-pick option", (os) => os.map((o) => o.value).filter(Boolean));
    let grew = false, loads = 1;
    for (const v of values.reverse().slice(0, 8)) {
      await police.selectOption("#graph-pick", v);
      await police.click("#graph-expand");
      loads++;
      await police.waitForSelector(`#graph[data-loads="${loads}"]`, { timeout: 10000 });
      if (await nodes() > first) { grew = true; break; }
    }
    assert(grew, `no expansion added a node (${first} nodes, ${values.length} tried at most 8)`);
    await police.uncheck('#graph-types input[value="report"]');
    const shown = Number(await police.getAttribute("#graph", "data-shown"));
    assert(shown < await nodes(), `hiding reports left ${shown} of ${await nodes()} shown`);
    await police.check('#graph-types input[value="report"]');
  });
  await check("a group of the graph becomes a case", async () => {
    await visit(police, base, "/graph?lang=en");
    const btn = police.locator("#groups button[type=submit]").first();
    assert(await btn.count() === 1, "no group to open");
    await Promise.all([police.waitForNavigation(), btn.click()]);
    assert(/\/cases\/case_/.test(police.url()), `not on a case: ${police.url()}`);
    assert(await police.locator(".flash").count() === 1, "no word that the case was opened");
    assert(await police.locator("#reports tbody tr").count() >= 2, "the case holds fewer than 2 reports");
    await axe(police, "case-from-group");
  });
  await check("switch language to Kazakh and it is remembered", async () => {
    await visit(police, base, "/");
    await Promise.all([police.waitForNavigation(), police.click('a[hreflang="kk"]')]);
    assert(await police.getAttribute("html", "lang") === "kk", "html lang is not kk");
    await visit(police, base, "/telecom");
    assert(await police.getAttribute("html", "lang") === "kk", "the next page is not in Kazakh");
    await visit(police, base, "/?lang=en");
  });

  const bank = await newPage();
  await check("bank answers a freeze request with a frozen amount and an onward transfer", async () => {
    await signIn(bank, "bank");
    await visit(bank, base, "/freeze");
    await axe(bank, "freeze");
    const link = bank.locator('table.data a[href^="/freeze/"]').first();
    assert(await link.count() === 1, "the inbox is empty");
    await Promise.all([bank.waitForNavigation(), link.click()]);
    await axe(bank, "freeze-request");
    await bank.selectOption("#fstatus", "frozen");
    await bank.fill("#frozen", "1");
    await bank.fill('input[name="onward_iban"] >> nth=0', "GE29NB0000000101904917");
    await bank.fill('input[name="onward_amount"] >> nth=0', "0,50");
    await Promise.all([bank.waitForNavigation(), bank.click("form.form button[type=submit]")]);
    const alert = await bank.locator(".alert").count() ? await bank.textContent(".alert") : "";
    assert(await bank.locator(".status", { hasText: "Frozen" }).count() >= 1, `the request is not shown frozen ${alert}`);
  });
  await check("the bank sees no cases and no graph", async () => {
    for (const path of ["/cases", "/graph"]) {
      const r = await visit(bank, base, path);
      assert(r.status() === 403, `${path}: ${r.status()}`);
    }
  });
  await check("bank's payment checks", async () => {
    await visit(bank, base, "/payments");
    await axe(bank, "payments");
  });

  const citizen = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await check("a citizen checks a number on a phone", async () => {
    await visit(citizen, base, "/portal/?lang=en");
    await axe(citizen, "portal");
    await citizen.fill("#value", "+7 701 123 45 67");
    await Promise.all([citizen.waitForNavigation(), citizen.click("form.check button[type=submit]")]);
    assert(await citizen.locator(".result h2").count() === 1, "no answer");
    await axe(citizen, "portal-check");
  });
  const xss = `<script>alert("kuzet")</script><img src=x onerror=alert(2)>`;
  await check("a citizen reports a fraud with script in every free-text field", async () => {
    await visit(citizen, base, "/portal/report?lang=en");
    await axe(citizen, "portal-report");
    await citizen.selectOption("#channel", "phone_call");
    await citizen.fill("#description", "A caller from the 'bank' " + xss);
    await citizen.fill("#numbers", "+77019998877");
    await citizen.fill("#sites", "kaspi-secure-login.kz");
    await citizen.fill('input[name="iban"] >> nth=0', "KZ86125KZT5004100100");
    await citizen.fill('input[name="amount"] >> nth=0', "25000");
    await citizen.fill("#vname", "Aigerim " + xss);
    await Promise.all([citizen.waitForNavigation(), citizen.click("form.report button[type=submit]")]);
    reference = (await citizen.textContent("#reference") || "").trim();
    assert(reference.length > 0, "no reference shown");
    await axe(citizen, "portal-reported");
  });
  await check("the police find the report's trail, its script shown as text", async () => {
    await visit(police, base, "/?lang=en");
    await police.fill("#report", reference);
    await Promise.all([police.waitForNavigation(), police.click('form[action="/trail"] button')]);
    const text = await police.textContent("main");
    assert(text.includes(`<script>alert("kuzet")</script>`), "the description is not shown as text");
    assert(await police.locator("main script, main img").count() === 0, "script or image elements made from the report");
    await axe(police, "trail");
  });
  await check("prevention page", async () => {
    await visit(citizen, base, "/portal/prevention");
    await axe(citizen, "prevention");
  });

  // Screenshots of the main pages in the three languages.
  const anon = await newPage();
  const shots = [
    [police, "dashboard", "/"], [police, "web", "/web"], [police, "simbox", "/simbox"], [police, "telecom", "/telecom"],
    [police, "audit", "/audit"], [police, "trail", `/trail/${reference}`], [bank, "freeze", "/freeze?status=all"],
    [anon, "signin", "/signin"], [anon, "portal", "/portal/"], [anon, "portal-report", "/portal/report"],
    [anon, "prevention", "/portal/prevention"], [citizen, "portal-phone", "/portal/"],
    [police, "cases", "/cases"], [police, "case", caseURL], [police, "graph", "/graph"],
  ];
  await check("screenshots of the main pages in ru, kk and en", async () => {
    for (const lang of ["ru", "kk", "en"]) {
      for (const [p, name, path] of shots) {
        await visit(p, base, path + (path.includes("?") ? "&" : "?") + "lang=" + lang);
        if (name === "dashboard") await p.waitForTimeout(300); // the chart's first frame
        if (name === "graph") await p.waitForSelector('#graph[data-loads="1"]', { timeout: 10000 });
        await p.screenshot({ path: join(screens, `${name}-${lang}.png`), fullPage: true });
      }
    }
  });
  await check("nothing was asked of another host, no script ran from a report, no script failed", async () => {
    assert(outside.length === 0, `outside requests: ${outside.slice(0, 3).join(", ")}`);
    assert(dialogs.length === 0, `dialogs opened: ${dialogs.join(", ")}`);
    assert(scriptErrors.length === 0, `script errors: ${scriptErrors.slice(0, 3).join("; ")}`);
  });
} finally {
  await browser.close();
  demo.proc.kill("SIGTERM");
}

// Timings by page: the server's time to the first byte and the browser's to
// interactive, worst of every visit.
const byPage = {};
for (const t of timings) {
  const p = byPage[t.page] ||= { page: t.page, visits: 0, server_ms_max: 0, interactive_ms_max: 0 };
  p.visits++;
  p.server_ms_max = Math.max(p.server_ms_max, Math.round(t.server_ms * 10) / 10);
  p.interactive_ms_max = Math.max(p.interactive_ms_max, Math.round(t.interactive_ms * 10) / 10);
}
const rows = Object.values(byPage).sort((a, b) => b.server_ms_max - a.server_ms_max);
writeFileSync(join(screens, "timings.json"), JSON.stringify(rows, null, 2));
console.log("\npage timings (worst of all visits): server ms to first byte, ms to interactive");
for (const r of rows) console.log(`  ${r.page.padEnd(28)} ${String(r.server_ms_max).padStart(7)} ${String(r.interactive_ms_max).padStart(7)}  (${r.visits} visits)`);
console.log(`axe-core ran on ${axeSeen.size} pages; screenshots in ${screens}`);
if (failures.length) console.log(`failed: ${failures.join("; ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
