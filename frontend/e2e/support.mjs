// Shared helpers of the browser tests: Debian's Chromium through playwright-core, axe-core
// injected from node_modules, numbered screenshots.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
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

/**
 * A fresh browser context (own cookies) with French preferred, like a Québec visitor; `options`
 * adds to the context's (e.g. { acceptDownloads: true }).
 */
export async function newPage(browser, prefix, options = {}) {
  const context = await browser.newContext({
    baseURL,
    locale: "fr-CA",
    viewport: { width: 1280, height: 900 },
    ...options,
  });
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

// --- Suivi des activités: API set-up and reading the exported files ---

/** A call to the API outside the browser; throws on an unexpected status. */
export async function apiCall(token, method, path, body, expected = [200, 201, 204]) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(new URL(path, baseURL), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** An access token for username (POST /api/v1/auth/login). */
export async function apiLogin(username, password = demoPassword) {
  const tokens = await apiCall(null, "POST", "/api/v1/auth/login", { username, password });
  return tokens.accessToken;
}

/** The text of each body row of a table, cell by cell (whitespace collapsed). */
export async function tableRows(table) {
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent.replace(/\s+/g, " ").trim())),
    );
}

const pad = (number) => String(number).padStart(2, "0");

/**
 * The rows of the first sheet of an .xlsx file, as text. A date cell holds Québec local time
 * (the serial number has no time zone), read back as the same wall-clock time: 2020-10-14 13:05.
 */
export async function readXlsxRows(path) {
  const { default: readXlsxFile } = await import("read-excel-file/node");
  const sheets = await readXlsxFile(path);
  const rows = Array.isArray(sheets[0]?.data) ? sheets[0].data : sheets;
  return rows.map((row) =>
    row.map((cell) => {
      if (cell instanceof Date) {
        const date = new Date(Math.round(cell.getTime() / 1000) * 1000);
        return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
      }
      return cell === null || cell === undefined ? "" : String(cell).trim();
    }),
  );
}

/** The text of a PDF, page layout kept (Debian's poppler-utils). */
export function readPdfText(path) {
  const { execFileSync } = require("node:child_process");
  return execFileSync("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", path, "-"], { encoding: "utf8" });
}

/**
 * The lines of the activity table in the PDF export: a row starts with its date
 * (2020-10-14 13:05); a long cell wrapped by the PDF continues on the next lines.
 * Column headers and page footers are left out.
 */
export function pdfActivityRows(text) {
  const rows = [];
  let current = null;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b/.test(trimmed)) {
      current = { date: trimmed.slice(0, 16), text: trimmed };
      rows.push(current);
    } else if (trimmed.startsWith("Date activité") || /^Page \d+ de \d+$/.test(trimmed)) {
      current = null;
    } else if (current && trimmed !== "") {
      current.text += ` ${trimmed}`;
    }
  }
  return rows.map((row) => ({ date: row.date, words: row.text.split(/\s+/).filter(Boolean) }));
}

/** The words of a table row, in a stable order, to compare with a PDF row. */
export function rowWords(cells) {
  return cells
    .join(" ")
    .split(/\s+/)
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b));
}

/** Fills in Authentification and clicks Se connecter. */
export async function login(page, username, password) {
  await field(page, "Nom d'utilisateur").fill(username);
  await field(page, "Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/**
 * Resolves with the next answer of the API with this status, and its problem+json body
 * (e.g. to check that a call was refused with the expected stable code).
 */
export async function nextApiProblem(page, status, action) {
  const answer = page.waitForResponse(
    (response) => response.url().includes("/api/v1/") && response.status() === status,
  );
  await action();
  const response = await answer;
  return { url: response.url(), status: response.status(), body: await response.json() };
}

// Cadastre and Arpentage services (tests/services.test.mjs).

/** Logs in through the Authentification form and waits until the portal has opened. */
export async function signIn(page, username, password = demoPassword) {
  await page.goto("/connexion");
  await login(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

/**
 * Acts for the surveyor with this matricule through the API, as a vendor's software would:
 * renews the session from the refresh cookie, POST /api/v1/auth/acting-for, then reloads the
 * page so that the application takes the new token from the cookie.
 */
export async function actForThroughApi(page, matricule) {
  const outcome = await page.evaluate(async (wanted) => {
    const cookieTransport = { "X-Refresh-Token-Transport": "cookie" };
    const refreshed = await fetch("/api/v1/auth/refresh", { method: "POST", headers: cookieTransport });
    if (!refreshed.ok) return `refresh ${refreshed.status}`;
    const { accessToken } = await refreshed.json();
    const auth = { Authorization: `Bearer ${accessToken}` };
    const delegants = await (await fetch("/api/v1/delegants", { headers: auth })).json();
    const delegant = delegants.find((d) => d.matricule === wanted);
    if (!delegant) return `aucun délégant ${wanted}`;
    const selected = await fetch("/api/v1/auth/acting-for", {
      method: "POST",
      headers: { ...auth, ...cookieTransport, "Content-Type": "application/json" },
      body: JSON.stringify({ delegantId: delegant.userId }),
    });
    return selected.ok ? "ok" : `acting-for ${selected.status}`;
  }, matricule);
  assert.equal(outcome, "ok");
  await page.reload();
}

/** A DM file for a file input: `{ name, mimeType, buffer }`. */
export function dmFile(name, xml) {
  return { name, mimeType: "text/xml", buffer: Buffer.from(xml, "utf8") };
}

// E-mails received by the runner's SMTP listener (run.mjs, E2E_MAIL_DIR).

export const mailDir = process.env.E2E_MAIL_DIR ?? "";

/**
 * Every message received so far, oldest first, parsed: { file, receivedAt, envelopeFrom,
 * envelopeTo (RCPT TO), to (header addresses), subject, text, html }.
 */
export async function mailbox() {
  if (!mailDir) throw new Error("E2E_MAIL_DIR absent : lancer les tests par e2e/run.mjs");
  const files = readdirSync(mailDir)
    .filter((name) => name.endsWith(".json") && !name.startsWith("."))
    .sort();
  const messages = [];
  for (const file of files) {
    const stored = JSON.parse(readFileSync(join(mailDir, file), "utf8"));
    const parsed = await simpleParser(stored.raw);
    messages.push({
      file,
      receivedAt: stored.receivedAt,
      envelopeFrom: stored.from,
      envelopeTo: stored.to,
      to: (parsed.to ? [parsed.to].flat() : []).flatMap((group) => group.value.map((address) => address.address)),
      subject: parsed.subject ?? "",
      text: parsed.text ?? "",
      html: typeof parsed.html === "string" ? parsed.html : "",
    });
  }
  return messages;
}

/** The first message for which `predicate` holds, waiting for it up to `timeoutMs`. */
export async function waitForMail(predicate, { timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailbox()).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error("aucun courriel attendu reçu");
    await new Promise((r) => setTimeout(r, 250));
  }
}
