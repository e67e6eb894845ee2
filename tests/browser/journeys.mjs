// Journeys through the nusqa web UI in a real browser (Debian's Chromium, driven by
// playwright-core), with axe-core's accessibility checks.
//
//   node tests/browser/journeys.mjs BASE_URL SCREENSHOT_DIR
//
// BASE_URL is a running `nusqa serve` over the bundled corpus with Order 429's
// publication recorded on 2025-10-06 and a state directory (tests/browser.rs starts
// one). NUSQA_TOKEN, when set, is a publisher token: the desk is then checked too.
// CHROMIUM overrides the browser (default /usr/bin/chromium). Exits 1 when any
// journey fails, printing what failed; screenshots go to SCREENSHOT_DIR.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node journeys.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const ORDER_350 = "V1400010273";
const ORDER_429 = "V2500037008";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

class Failure extends Error {}
function check(cond, message) {
  if (!cond) throw new Failure(message);
}

const url = (p) => new URL(p, base).href;

/** The text of the element with id `eid` (without its notes and source line). */
async function clauseText(page, eid) {
  const el = page.locator(`[id="${eid}"]`);
  check((await el.count()) === 1, `${page.url()}: no element #${eid}`);
  return (await el.locator(":scope > .nq-text").first().textContent())?.trim() ?? "";
}

/** Whether the element with id `eid` exists and at least part of it is in the viewport. */
async function inView(page, eid) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return { exists: false, visible: false };
    const r = el.getBoundingClientRect();
    return { exists: true, visible: r.bottom > 0 && r.top < window.innerHeight && r.height > 0 };
  }, eid);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** Open Order 350 on 2025-12-05 and move the date across 2025-12-06 with the date form. */
async function dateForm(ctx) {
  const page = await ctx.newPage();
  await page.goto(url(`/acts/${ORDER_350}?lang=kk&as_of=2025-12-05`));
  const before = await clauseText(page, "att_1__para_4");
  check(before.length > 0, "paragraph 4 has no text on 2025-12-05");
  const date = page.locator('main input[name="as_of"]:not([type="hidden"])').first();
  await date.fill("2025-12-06");
  await Promise.all([
    page.waitForURL(/as_of=2025-12-06/),
    page.locator('main form:has(input[name="as_of"]:not([type="hidden"])) button').first().click(),
  ]);
  const after = await clauseText(page, "att_1__para_4");
  await shot(page, "date-form-2025-12-06");
  check(after.length > 0, "paragraph 4 has no text on 2025-12-06");
  check(before !== after, `paragraph 4 reads the same on 2025-12-05 and 2025-12-06: ${after}`);
  check(
    (await page.evaluate(() => document.documentElement.lang)) === "kk",
    "the date form lost the language",
  );
}

/** Open Order 429 and follow one change of its "what it changes" table to its clause. */
async function followChange(ctx) {
  const page = await ctx.newPage();
  await page.goto(url(`/acts/${ORDER_429}?lang=kk`));
  const link = page.locator('.nq-changes a[href*="as_of="][href*="#"]').first();
  check((await link.count()) === 1, "Order 429's page lists no change linked to a clause");
  const href = new URL(await link.getAttribute("href"), page.url());
  const asOf = href.searchParams.get("as_of");
  const eid = decodeURIComponent(href.hash.slice(1));
  check(/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? ""), `the change's link has no date: ${href}`);
  await Promise.all([page.waitForURL((u) => u.pathname !== `/acts/${ORDER_429}`), link.click()]);
  await page.waitForLoadState("load");
  const landed = new URL(page.url());
  check(landed.pathname === href.pathname, `landed on ${landed}, not ${href}`);
  check(landed.searchParams.get("as_of") === asOf, `landed on ${landed}, not on ${asOf}`);
  check(landed.hash === href.hash, `landed on ${landed} without the fragment ${href.hash}`);
  const shown = await page.locator('main input[name="as_of"]:not([type="hidden"])').first().inputValue();
  check(shown === asOf, `the target page shows the date ${shown}, not ${asOf}`);
  const where = await inView(page, eid);
  await shot(page, "order-429-change-target");
  check(where.exists, `the target page has no element #${eid}`);
  check(where.visible, `#${eid} is not in view after following the link`);
}

/** Compare two dates from the act page's changes link. */
async function compareDates(ctx) {
  const page = await ctx.newPage();
  await page.goto(url(`/acts/${ORDER_350}?lang=kk&as_of=2026-01-15`));
  const link = page.locator(`main a[href*="/acts/${ORDER_350}/diff"]`).first();
  check((await link.count()) === 1, "the act page has no link to its changes");
  await Promise.all([page.waitForURL(/\/diff/), link.click()]);
  await page.locator('main input[name="from"]').fill("2025-10-05");
  await page.locator('main input[name="to"]').fill("2026-01-15");
  await Promise.all([
    page.waitForURL(/from=2025-10-05/),
    page.locator('main form:has(input[name="from"]) button').first().click(),
  ]);
  const u = new URL(page.url());
  check(u.searchParams.get("to") === "2026-01-15", `the diff form sent ${u}`);
  const changes = await page.locator("main ins, main del").count();
  await shot(page, "diff-2025-10-05-2026-01-15");
  check(changes > 0, `the diff from 2025-10-05 to 2026-01-15 shows no change (${u})`);
}

/** Search with a date, go to page 2, open a hit: it lands on the clause on that date. */
async function searchWithDate(ctx) {
  const page = await ctx.newPage();
  await page.goto(url("/?lang=kk"));
  await page.locator('header input[name="q"]').fill("жарылыс");
  await Promise.all([page.waitForURL(/\/search/), page.locator("header form button").first().click()]);
  const date = page.locator('main input[name="as_of"]');
  check((await date.count()) === 1, "the search page has no date field");
  await date.fill("2026-01-15");
  await Promise.all([
    page.waitForURL(/as_of=2026-01-15/),
    page.locator("main form button").first().click(),
  ]);
  const next = page.locator('main a[rel="next"]');
  check((await next.count()) === 1, "the search results have no next page");
  await Promise.all([page.waitForURL(/page=2/), next.click()]);
  const u = new URL(page.url());
  check(u.searchParams.get("as_of") === "2026-01-15", `page 2 lost the date: ${u}`);
  check(
    (await page.locator('main input[name="as_of"]').inputValue()) === "2026-01-15",
    "page 2's date field does not show the date",
  );
  const hit = page.locator(".nq-hit a[href*='#']").first();
  check((await hit.count()) === 1, "page 2 has no hit linked to a clause");
  await shot(page, "search-page-2");
  const href = new URL(await hit.getAttribute("href"), page.url());
  await Promise.all([page.waitForURL((x) => x.pathname.startsWith("/acts/")), hit.click()]);
  await page.waitForLoadState("load");
  const landed = new URL(page.url());
  check(landed.searchParams.get("as_of") === "2026-01-15", `the hit opened ${landed}, not on 2026-01-15`);
  const eid = decodeURIComponent(landed.hash.slice(1));
  check(eid.length > 0 && landed.hash === href.hash, `the hit opened ${landed} without its clause's anchor`);
  const where = await inView(page, eid);
  await shot(page, "search-hit");
  check(where.exists, `the hit's page has no element #${eid}`);
  check(where.visible, `#${eid} is not in view after opening the hit`);
}

/** Switch the UI language with the KK/RU/EN links: html lang changes, the date is kept. */
async function switchLanguage(ctx) {
  const page = await ctx.newPage();
  await page.goto(url(`/acts/${ORDER_350}?lang=kk&as_of=2025-12-05`));
  for (const [label, lang] of [
    ["RU", "ru"],
    ["EN", "en"],
    ["KK", "kk"],
  ]) {
    const link = page.locator(".nq-langs a", { hasText: label });
    check((await link.count()) === 1, `no ${label} link`);
    await Promise.all([page.waitForURL(new RegExp(`lang=${lang}`)), link.click()]);
    const html = await page.evaluate(() => document.documentElement.lang);
    check(html === lang, `after ${label}, <html lang="${html}">`);
    const u = new URL(page.url());
    check(u.searchParams.get("as_of") === "2025-12-05", `${label} lost the date: ${u}`);
    const shown = await page.locator('main input[name="as_of"]:not([type="hidden"])').first().inputValue();
    check(shown === "2025-12-05", `${label}: the date field shows ${shown}`);
    await shot(page, `language-${lang}`);
  }
}

/** Keyboard users: the first Tab reaches a visible skip link to the main content. */
async function skipLink(ctx) {
  const page = await ctx.newPage();
  await page.goto(url("/?lang=kk"));
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return {
      href: el.getAttribute("href"),
      visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0,
      outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
    };
  });
  await shot(page, "skip-link-focused");
  check(focused.href === "#main", `the first Tab focuses ${focused.href}, not a skip link to #main`);
  check(focused.visible, "the focused skip link is not visible");
  check(focused.outline, "the focused skip link has no visible focus outline");
  check((await page.locator("main#main").count()) === 1, "the skip link's target <main id=main> is missing");
  // The acts table is a table a screen reader can read: a caption and column heads.
  check((await page.locator("main table caption").count()) === 1, "the acts table has no caption");
  check((await page.locator('main table th[scope="col"]').count()) >= 3, "the acts table has no column heads");
}

/** Printed, an act page is its text: no header, forms or navigation. */
async function print(ctx) {
  const page = await ctx.newPage();
  await page.goto(url(`/acts/${ORDER_350}?lang=kk&as_of=2026-01-15`));
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => {
    const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
    return {
      header: visible(".nq-header"),
      form: visible("main form"),
      text: visible('[id="att_1__para_4"] .nq-text'),
    };
  });
  await page.pdf({ path: path.join(shots, "print-order-350.pdf"), format: "A4" });
  check(!shown.header, "the header is printed");
  check(!shown.form, "the date form is printed");
  check(shown.text, "paragraph 4's text is not printed");
}

/** At 390 px, no page scrolls sideways and the language links are 44 px tall. */
async function phone(browser) {
  const ctx = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  const pages = {
    home: "/?lang=kk",
    act: `/acts/${ORDER_350}?lang=kk&as_of=2026-01-15`,
    "act-both": `/acts/${ORDER_350}?lang=kk&as_of=2026-01-15&text=both`,
    "order-429": `/acts/${ORDER_429}?lang=kk`,
    search: `/search?lang=kk&q=${encodeURIComponent("жарылыс")}&as_of=2026-01-15`,
    diff: `/acts/${ORDER_350}/diff?lang=kk&from=2025-10-05&to=2026-01-15`,
    services: "/services?lang=kk&as_of=2026-01-15",
    service: `/services/${ORDER_350}-att_1?lang=kk&as_of=2026-01-15`,
    history: `/acts/${ORDER_350}/history/att_1__para_4?lang=kk&as_of=2026-01-15`,
  };
  const problems = [];
  for (const [name, p] of Object.entries(pages)) {
    await page.goto(url(p));
    const { width, wide } = await page.evaluate(() => {
      const width = document.documentElement.scrollWidth;
      // The elements that stick out, to say what to fix.
      const wide = [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .filter((e) => !e.closest(".nq-scroll"))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
      return { width, wide };
    });
    await shot(page, `phone-${name}`);
    if (width > PHONE.width) problems.push(`${name}: scrollWidth ${width} > ${PHONE.width} (${wide.join(", ")})`);
    if (name === "home") {
      const heights = await page
        .locator(".nq-langs a")
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getBoundingClientRect().height]));
      for (const [label, h] of heights) {
        if (h < 44) problems.push(`${name}: the ${label} link is ${h} px tall, under 44`);
      }
    }
  }
  await ctx.close();
  check(problems.length === 0, problems.join("\n"));
}

/** axe-core on the main pages: no violation of impact serious or critical. */
async function axe(ctx) {
  const page = await ctx.newPage();
  const pages = {
    home: "/?lang=kk",
    "act-kk": `/acts/${ORDER_350}?lang=kk&as_of=2026-01-15`,
    "act-en": `/acts/${ORDER_350}?lang=en&as_of=2026-01-15`,
    "act-both": `/acts/${ORDER_350}?lang=ru&as_of=2026-01-15&text=both`,
    "order-429": `/acts/${ORDER_429}?lang=kk`,
    search: `/search?lang=kk&q=${encodeURIComponent("жарылыс")}&as_of=2026-01-15`,
    diff: `/acts/${ORDER_350}/diff?lang=kk&from=2025-10-05&to=2026-01-15`,
    services: "/services?lang=ru&as_of=2026-01-15",
    service: `/services/${ORDER_350}-att_1?lang=en&as_of=2026-01-15`,
    history: `/acts/${ORDER_350}/history/att_1__para_4?lang=kk&as_of=2026-01-15`,
    login: "/login?lang=kk",
  };
  const report = [];
  let serious = 0;
  const audit = async (name) => {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of result.violations) {
      const bad = v.impact === "serious" || v.impact === "critical";
      if (bad) serious += 1;
      const nodes = v.nodes
        .slice(0, 3)
        .map((n) => `      ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`)
        .join("\n");
      report.push(
        `  ${bad ? "FAIL" : "note"} ${name}: ${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}\n${nodes}`,
      );
    }
  };
  for (const [name, p] of Object.entries(pages)) {
    await page.goto(url(p));
    await audit(name);
  }
  const token = process.env.NUSQA_TOKEN;
  if (token) {
    await page.goto(url("/login?lang=kk"));
    await page.locator('input[name="token"]').fill(token);
    await Promise.all([page.waitForURL(/\/desk/), page.locator("main form button").first().click()]);
    await audit("desk");
  }
  if (report.length) console.log(`axe:\n${report.join("\n")}`);
  check(serious === 0, `axe found ${serious} serious or critical violation(s); see above`);
}

const journeys = [
  ["date form moves paragraph 4 across 2025-12-06", (b) => withDesktop(b, dateForm)],
  ["Order 429: follow a change to its clause", (b) => withDesktop(b, followChange)],
  ["compare two dates", (b) => withDesktop(b, compareDates)],
  ["search with a date, page 2, open a hit", (b) => withDesktop(b, searchWithDate)],
  ["switch the language", (b) => withDesktop(b, switchLanguage)],
  ["skip link and the acts table's heads", (b) => withDesktop(b, skipLink)],
  ["print stylesheet", (b) => withDesktop(b, print)],
  ["390 px: no sideways scroll, 44 px language links", phone],
  // axe is injected as a script, which the server's Content-Security-Policy (rightly)
  // forbids inline: its context bypasses the policy, and only its.
  ["axe: no serious or critical violation", (b) => withDesktop(b, axe, { bypassCSP: true })],
];

async function withDesktop(browser, journey, options = {}) {
  const ctx = await browser.newContext({ viewport: DESKTOP, ...options });
  ctx.setDefaultTimeout(30_000);
  try {
    await journey(ctx);
  } finally {
    await ctx.close();
  }
}

let browser;
try {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
} catch (e) {
  console.error(`could not start ${executablePath}: ${e.message}`);
  console.error("install it with `bash .ci/run` or the README's set-up commands");
  process.exit(1);
}
let failed = 0;
for (const [name, run] of journeys) {
  const start = Date.now();
  try {
    await run(browser);
    console.log(`ok ${name} (${Date.now() - start} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`FAILED ${name}: ${e instanceof Failure ? e.message : e.stack}`);
  }
}
await browser.close();
console.log(`journeys: ${journeys.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
