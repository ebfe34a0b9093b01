// Shared helpers of the browser tests: Debian's Chromium through playwright-core, axe-core
// injected from node_modules, numbered screenshots.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
// Evaluated through the DevTools protocol: the application's CSP (script-src 'self') stays in force.
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const screenshotDir = join(here, "screenshots");

export const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:8080";
export const demoPassword = process.env.E2E_DEMO_PASSWORD ?? "";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser context (own cookies) with French preferred, like a Québec visitor. */
export async function newPage(browser, prefix) {
  const context = await browser.newContext({ baseURL, locale: "fr-CA", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // The browser logs every 4xx answer; those are expected (refused refresh, invalid form).
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  let step = 0;
  mkdirSync(screenshotDir, { recursive: true });
  return {
    page,
    context,
    problems,
    async shot(name) {
      step += 1;
      await page.screenshot({
        path: join(screenshotDir, `${prefix}-${String(step).padStart(2, "0")}-${name}.png`),
        fullPage: true,
      });
    },
  };
}

/** Runs axe-core (WCAG 2.x A/AA rules) and fails on serious or critical violations. */
export async function checkA11y(page, label) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    }),
  );
  const summary = (violation) =>
    `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`;
  const minor = results.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical");
  for (const violation of minor) console.log(`  axe (${label}) ${summary(violation)}`);
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(blocking.map(summary), [], `axe: violations graves sur ${label}`);
}

/** The checks every page must pass: one h1, a title, the page language. */
export async function checkPageBasics(page, { h1, lang = "fr-CA" }) {
  await page.getByRole("heading", { level: 1, name: h1 }).waitFor();
  assert.equal(await page.locator("h1").count(), 1, "un seul h1 par page");
  assert.equal(await page.title(), `${h1} — Mon espace client`);
  assert.equal(await page.locator("html").getAttribute("lang"), lang);
}

export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * The input labelled exactly `label`. Required fields show a visual " *" (hidden from
 * assistive technologies), which Playwright's exact label match would otherwise include.
 */
export function field(page, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}
