// The HTML report in a real browser (issue 16): pathfit writes reports of
// both bundled banks, a close call, a skipped dimension, flat answers,
// very long names and a hostile bank; headless Chromium loads each at
// phone and desktop widths and in print, and this fails on sideways
// scrolling, any axe-core violation, any request outside the report file,
// and a chart that could be split across printed pages or is cut off.
//
// Run by .ci/run after `cargo test`:
//   PATHFIT=target/debug/pathfit node tests/browser/check.mjs
// CHROMIUM (default /usr/bin/chromium) names the browser.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const pathfit = resolve(root, process.env.PATHFIT ?? "target/debug/pathfit");
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";

const fixture = (name) => join(root, "tests/fixtures", name);
const example = (name) => join(root, "examples", name);

/// Every report: a name for messages, and `pathfit score` arguments (or,
/// for a bank author's item analysis, `pathfit analyze` ones after
/// "analyze").
const REPORTS = [
  ["healthcare, a clear result", ["--answers", example("clinician.yaml")]],
  ["healthcare, technician", ["--answers", example("technician.yaml")]],
  ["interests bank", ["--bank", "interests", "--answers", example("interests.yaml")]],
  ["a close call", ["--bank", fixture("close/bank.yaml"), "--answers", fixture("close/answers.yaml")]],
  ["a skipped dimension", ["--answers", fixture("browser/skipped-healthcare.yaml")]],
  ["flat answers", ["--bank", fixture("close/bank.yaml"), "--answers", fixture("browser/flat-answers.yaml")]],
  [
    "very long names",
    ["--bank", fixture("browser/long-names.yaml"), "--answers", fixture("browser/long-names-answers.yaml")],
  ],
  [
    "the hostile bank",
    ["--bank", fixture("browser/hostile.yaml"), "--answers", fixture("browser/hostile-answers.yaml")],
  ],
  [
    "item analysis of a mis-keyed bank",
    ["analyze", "--bank", fixture("analyze/miskeyed.yaml"), "--answers", fixture("analyze/class.csv")],
  ],
  ["item analysis of the interests bank", ["analyze", "--bank", "interests", "--answers", "INTERESTS_CLASS"]],
];

/// Screen widths in CSS pixels: small and common phones, a desktop.
const WIDTHS = [320, 360, 390, 1280];

/// A4 with the report's 15 mm × 14 mm page margins, at 96 pixels an inch.
const MM = 96 / 25.4;
const PRINT_WIDTH = Math.floor((210 - 2 * 14) * MM);
const PAGE_HEIGHT = Math.floor((297 - 2 * 15) * MM);

const failures = [];
const fail = (report, where, what) => failures.push(`${report} at ${where}: ${what}`);

/// Sideways scrolling of the page, and of the scores table's box.
async function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const found = [];
    if (doc.scrollWidth > doc.clientWidth) {
      // Name the widest elements, to say what pushed the page out.
      const wide = [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1)
        .sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width)
        .slice(0, 3)
        .map((e) => `<${e.localName} class="${e.className.baseVal ?? e.className}">`);
      found.push(`the page is ${doc.scrollWidth} px wide for ${doc.clientWidth} px (${wide.join(", ")})`);
    }
    for (const box of document.querySelectorAll(".scroll")) {
      if (box.scrollWidth > box.clientWidth) {
        found.push(`the scores table is ${box.scrollWidth} px wide for ${box.clientWidth} px and scrolls`);
      }
    }
    // A table's columns are sized before its words wrap: a shown table
    // must not break a word across lines ("Dimensi-on").
    for (const cell of document.querySelectorAll("table th, table td")) {
      if (cell.offsetParent === null) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) found.push(`the table breaks the word "${match[0].slice(0, 40)}" across lines`);
        }
      }
    }
    // Text cut off inside an element that hides its overflow.
    for (const e of document.querySelectorAll("body *")) {
      const style = getComputedStyle(e);
      if (style.overflowX === "hidden" && e.scrollWidth > e.clientWidth + 1) {
        found.push(`<${e.localName}> cuts off its content`);
      }
    }
    return found;
  });
}

async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ["violations"] }),
  );
  return result.violations.map(
    (v) => `axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), first ${v.nodes[0]?.target}`,
  );
}

/// In print: no chart (an SVG chart, a dimension's track with its heading,
/// the match chart) may be split (`break-inside: avoid`), and each fits on
/// one page, so the browser can keep it whole.
async function print(page) {
  return page.evaluate((pageHeight) => {
    const found = [];
    for (const chart of document.querySelectorAll("svg, .dim, .match")) {
      const style = getComputedStyle(chart);
      const avoid = style.breakInside === "avoid" || style.breakInside === "avoid-page";
      const height = chart.getBoundingClientRect().height;
      const name = chart.querySelector("title")?.textContent ?? chart.textContent.slice(0, 40);
      if (!avoid) found.push(`a chart (${name}) may be split across pages: break-inside is ${style.breakInside}`);
      if (height > pageHeight) found.push(`a chart (${name}) is ${height} px tall, taller than a page (${pageHeight} px)`);
    }
    return found;
  }, PAGE_HEIGHT);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "pathfit-browser-"));
  // A synthetic class whose answers hang together, for an analysis page.
  const interests = join(dir, "interests.csv");
  execFileSync(pathfit, ["sample", "--model", "latent", "--bank", "interests", "--respondents", "300", "--output", interests]);
  const files = REPORTS.map(([name, args], i) => {
    const file = join(dir, `report-${i}.html`);
    const command = args[0] === "analyze" ? args.map((a) => (a === "INTERESTS_CLASS" ? interests : a)) : ["score", ...args];
    const html = execFileSync(pathfit, [...command, "--format", "html"], { encoding: "utf8" });
    writeFileSync(file, html);
    return [name, file];
  });

  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: join(dir, "profile"),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
  try {
    for (const [name, file] of files) {
      const url = pathToFileURL(file).href;
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      let loads = 0;
      page.on("request", (request) => {
        if (request.url() === url) {
          loads += 1;
          request.continue();
        } else {
          fail(name, "load", `requested ${request.url()}`);
          request.abort();
        }
      });
      for (const width of WIDTHS) {
        await page.setViewport({ width, height: 800 });
        await page.goto(url, { waitUntil: "load" });
        for (const problem of await overflow(page)) fail(name, `${width} px`, problem);
        for (const problem of await axe(page)) fail(name, `${width} px`, problem);
      }
      await page.setViewport({ width: PRINT_WIDTH, height: PAGE_HEIGHT });
      await page.emulateMediaType("print");
      await page.goto(url, { waitUntil: "load" });
      for (const problem of await overflow(page)) fail(name, `print (${PRINT_WIDTH} px)`, problem);
      for (const problem of await print(page)) fail(name, "print", problem);
      await page.close();
      // Otherwise "no other requests" would prove nothing.
      if (loads === 0) fail(name, "load", "the request for the report itself was never seen");
      console.log(`checked ${name}`);
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} problem(s) with the HTML report in Chromium:`);
    for (const f of failures) console.error(`  ${f}`);
    process.exit(1);
  }
  console.log(`all ${files.length} reports fit at ${WIDTHS.join(", ")} px and in print, with no axe violations and no requests`);
}

main().catch((error) => {
  console.error(`the browser test could not run: ${error.stack ?? error}`);
  process.exit(1);
});
