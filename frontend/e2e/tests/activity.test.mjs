// Délégation ▸ Suivi des activités: filters, sort, URL state, and the Excel and PDF exports
// checked row by row against the table on screen.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  apiCall,
  apiLogin,
  checkA11y,
  checkPageBasics,
  demoPassword,
  launch,
  login,
  newPage,
  pdfActivityRows,
  readPdfText,
  readXlsxRows,
  rowWords,
  tableRows,
} from "../support.mjs";

const columns = ["Date activité", "No Dossier", "Activité", "Réalisée par", "Réalisée pour", "Détail"];
let browser;
let downloads;

before(async () => {
  browser = await launch();
  downloads = mkdtempSync(join(tmpdir(), "espace-e2e-telechargements-"));
});

after(async () => {
  await browser?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

/**
 * Activities by Édith Descartes in Jean Piette's name, and one by Jean himself, recorded by
 * the services they use (whether or not the demo data already holds the guide's history).
 */
async function recordActivities() {
  const jeanToken = await apiLogin("jpiette", demoPassword);
  const jean = await apiCall(jeanToken, "GET", "/api/v1/me");
  const edithToken = await apiLogin("edescartes", demoPassword);
  const delegants = await apiCall(edithToken, "GET", "/api/v1/delegants");
  assert.ok(
    delegants.some((delegant) => delegant.userId === jean.id),
    "Édith Descartes est délégataire de Jean Piette",
  );
  const acting = await apiCall(edithToken, "POST", "/api/v1/auth/acting-for", { delegantId: jean.id });
  const asEdith = acting.accessToken;
  await apiCall(asEdith, "GET", "/api/v1/dossiers/1093112"); // « Consultation d'un dossier »
  await apiCall(asEdith, "POST", "/api/v1/lot-reservations", { dossierNumber: "1093112", lotCount: 1 });
  await apiCall(asEdith, "GET", "/api/v1/dossiers/1093112");
  await apiCall(jeanToken, "GET", "/api/v1/dossiers/1093112"); // by Jean for himself: filtered out below
  return jean;
}

/** Waits until the table shows the answer to the current URL (no request in flight). */
async function settled(page) {
  await page.locator("table.activity-table:not([aria-busy])").waitFor();
  await page.locator(".pagination__summary").waitFor();
}

test("Jean Piette filtre le suivi des activités, le trie et le télécharge en Excel et en PDF", async () => {
  await recordActivities();
  const { page, shot, problems } = await newPage(browser, "suivi-activites", { acceptDownloads: true });

  await page.goto("/");
  await checkPageBasics(page, { h1: "Authentification" });
  await login(page, "jpiette", demoPassword);
  await page.waitForURL(/\/cadastre$/);

  // Délégation ▸ Suivi des activités
  const tabs = page.getByRole("navigation", { name: "Services de Mon espace client" });
  await tabs.getByRole("link", { name: "Délégation" }).click();
  await page.waitForURL(/\/delegation/);
  const subTab = page.getByRole("link", { name: "Suivi des activités", exact: true });
  if (await subTab.count()) await subTab.first().click();
  else await page.goto("/delegation/suivi-des-activites");
  await page.waitForURL(/\/delegation\/suivi-des-activites/);
  await checkPageBasics(page, { h1: "Suivi des activités" });
  await settled(page);

  const table = page.getByRole("table", { name: /Suivi des activités/ });
  const headers = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.textContent));
  assert.deepEqual(
    headers.map((text) => text.replace(/[▲▼↕]/g, "").trim()),
    columns,
  );
  for (const th of await table.locator("thead th").all()) assert.equal(await th.getAttribute("scope"), "col");
  const dateHeader = table.locator("thead th").first();
  assert.equal(await dateHeader.getAttribute("aria-sort"), "descending", "plus récentes d'abord");
  assert.match(await page.locator(".pagination__summary").innerText(), /^Page 1 de \d+ \(\d+ activités?\)$/);
  await shot("suivi-des-activites");
  await checkA11y(page, "Suivi des activités");

  // Réalisée par = Édith Descartes
  await page.getByLabel("Réalisée par", { exact: true }).selectOption({ label: "Édith Descartes" });
  await page.getByRole("button", { name: "Filtrer", exact: true }).click();
  await page.waitForURL(/[?&]actor=/);
  await settled(page);

  // Date activité, ascending
  await table.getByRole("button", { name: /^Date activité/ }).click();
  await page.waitForURL(/[?&]order=asc/);
  await settled(page);
  assert.equal(await dateHeader.getAttribute("aria-sort"), "ascending");
  for (const th of (await table.locator("thead th").all()).slice(1, 5))
    assert.equal(await th.getAttribute("aria-sort"), "none");
  // « Détail » (§13) is not a sort key.
  assert.equal(await table.locator("thead th").nth(5).getAttribute("aria-sort"), null);

  // The whole view on screen, as the exports hold it.
  const showAll = page.getByRole("button", { name: "Afficher toutes les activités" });
  if (await showAll.count()) {
    await showAll.click();
    await page.waitForURL(/[?&]all=true/);
    await settled(page);
    await page.getByText(/^Toutes les activités \(\d+ activités?\)$/).waitFor();
  }
  const rows = await tableRows(table);
  assert.ok(rows.length >= 3, `au moins les 3 activités d'Édith pour Jean (${rows.length})`);
  for (const row of rows) {
    assert.equal(row.length, 6);
    assert.notEqual(row[5], "", "chaque activité d'Édith nomme ce sur quoi elle portait (Détail)");
    assert.match(row[0], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(row[3], "Édith Descartes");
    assert.equal(row[4], "Jean Piette", "Jean ne voit pas ce qu'Édith fait pour Claire Lavoie");
  }
  const dates = rows.map((row) => row[0]);
  assert.deepEqual(dates, [...dates].sort(), "dates en ordre croissant");
  for (const label of ["Consultation d'un dossier", "Réservation de lots et plans complémentaires en TR"])
    assert.ok(
      rows.some((row) => row[2] === label && row[1] === "1093112"),
      `${label} (1093112)`,
    );
  await shot("filtre-edith-tri-date-croissant");
  await checkA11y(page, "Suivi des activités filtré et trié");

  // The view is in the URL: a reload shows the same rows.
  const url = page.url();
  await page.reload();
  await checkPageBasics(page, { h1: "Suivi des activités" });
  await settled(page);
  assert.equal(page.url(), url);
  assert.equal(await dateHeader.getAttribute("aria-sort"), "ascending");
  assert.equal(
    await page.getByLabel("Réalisée par", { exact: true }).locator("option:checked").innerText(),
    "Édith Descartes",
  );
  assert.deepEqual(await tableRows(table), rows);

  // Excel
  const [xlsx] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Télécharger en Excel" }).click(),
  ]);
  assert.match(xlsx.suggestedFilename(), /^suivi-des-activites-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const xlsxPath = join(downloads, xlsx.suggestedFilename());
  await xlsx.saveAs(xlsxPath);
  assert.ok(statSync(xlsxPath).size > 0);
  await page
    .getByRole("status")
    .filter({ hasText: `Le fichier ${xlsx.suggestedFilename()} a été téléchargé.` })
    .waitFor();
  const sheet = await readXlsxRows(xlsxPath);
  assert.deepEqual(sheet[0], columns, "en-têtes français");
  assert.deepEqual(sheet.slice(1), rows, "Excel : mêmes lignes, même ordre que le tableau");

  // PDF
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Télécharger en PDF" }).click(),
  ]);
  assert.match(pdf.suggestedFilename(), /^suivi-des-activites-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfPath = join(downloads, pdf.suggestedFilename());
  await pdf.saveAs(pdfPath);
  await page
    .getByRole("status")
    .filter({ hasText: `Le fichier ${pdf.suggestedFilename()} a été téléchargé.` })
    .waitFor();
  const text = readPdfText(pdfPath);
  assert.match(text, /Date activité\s+No\s+Activité\s+Réalisée par\s+Réalisée pour\s+Détail/, "en-têtes français");
  const pdfRows = pdfActivityRows(text);
  assert.deepEqual(
    pdfRows.map((row) => row.date),
    dates,
    "PDF : mêmes dates, même ordre que le tableau",
  );
  pdfRows.forEach((row, index) =>
    assert.deepEqual(
      [...row.words].sort((a, b) => a.localeCompare(b)),
      rowWords(rows[index]),
      `PDF, ligne ${index + 1} : ${rows[index].join(" | ")}`,
    ),
  );
  await shot("telechargements");
  await checkA11y(page, "Suivi des activités après téléchargement");

  // Effacer les filtres: back to every activity, most recent first kept as chosen.
  await page.getByRole("button", { name: "Effacer les filtres" }).click();
  await page.waitForURL((current) => !current.search.includes("actor="));
  await settled(page);
  assert.equal(await page.getByLabel("Réalisée par", { exact: true }).inputValue(), "");

  assert.deepEqual(problems, []);
});

test("la vue du suivi des activités se partage par son adresse, y compris en anglais", async () => {
  const { page, problems } = await newPage(browser, "suivi-activites-lien");
  await page.goto("/");
  await login(page, "jpiette", demoPassword);
  await page.waitForURL(/\/cadastre$/);
  await page.goto("/delegation/suivi-des-activites?type=dossier_viewed&sort=dossier&order=asc&pageSize=25");
  await checkPageBasics(page, { h1: "Suivi des activités" });
  await settled(page);
  const table = page.getByRole("table", { name: /Suivi des activités/ });
  assert.equal(await table.locator("thead th").nth(1).getAttribute("aria-sort"), "ascending");
  assert.equal(await page.getByRole("checkbox", { name: "Consultation d'un dossier" }).isChecked(), true);
  for (const row of await tableRows(table)) assert.equal(row[2], "Consultation d'un dossier");

  // Back button: the previous view comes back.
  await table.getByRole("button", { name: /^No Dossier/ }).click();
  await page.waitForURL(/order=desc|^(?!.*order=)/);
  await settled(page);
  assert.equal(await table.locator("thead th").nth(1).getAttribute("aria-sort"), "descending");
  await page.goBack();
  await settled(page);
  assert.equal(await table.locator("thead th").nth(1).getAttribute("aria-sort"), "ascending");

  await page
    .getByRole("button", { name: "English" })
    .or(page.getByRole("link", { name: "English" }))
    .first()
    .click();
  await checkPageBasics(page, { h1: "Activity tracking", lang: "en-CA" });
  await page.getByRole("button", { name: "Download as Excel" }).waitFor();
  await checkA11y(page, "Activity tracking (en-CA)");
  assert.deepEqual(problems, []);
});
