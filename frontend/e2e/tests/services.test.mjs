// Cadastre and Arpentage tabs (SPEC §3, §4, §7): services done by a délégataire in a surveyor's
// name, seen by that surveyor; the dépôt d'une DM kept for the surveyor acting for himself.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  actForThroughApi,
  checkA11y,
  checkPageBasics,
  demoPassword,
  dmFile,
  field,
  launch,
  newPage,
  signIn,
  tableRows,
} from "../support.mjs";

const depositReason =
  "Le dépôt d'une demande de mise à jour du cadastre (DM) demeure à l'usage exclusif de l'arpenteur-géomètre.";
const noDemo = { skip: demoPassword === "" ? "E2E_DEMO_PASSWORD absent" : false };

let browser;
/** What Pierre did for Jean, checked afterwards from Jean's side. */
const done = { reservedLots: "", orderNumber: "" };

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function subNav(page) {
  return page.getByRole("navigation", { name: "Services du cadastre" });
}

async function openService(page, name, h1) {
  await subNav(page).getByRole("link", { name, exact: true }).click();
  await checkPageBasics(page, { h1 });
  assert.equal(await subNav(page).getByRole("link", { name, exact: true }).getAttribute("aria-current"), "page");
}

/** The status message with this text, once shown. */
async function status(page, text) {
  const message = page.getByRole("status").filter({ hasText: text });
  await message.waitFor();
  return ((await message.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

/** The text of the error tied to an input by aria-describedby. */
async function fieldError(page, input) {
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(" ");
  const errorId = ids.find((id) => id.endsWith("-error"));
  assert.ok(errorId, "erreur liée au champ");
  return (await page.locator(`[id="${errorId}"]`).textContent()) ?? "";
}

test("Pierre Quiroule, délégataire de Jean Piette, utilise les services en son nom", noDemo, async () => {
  const { page, shot, problems, context } = await newPage(browser, "services-delegataire");
  await signIn(page, "pquiroule");

  // Délégataire of one surveyor: Jean is selected by default, shown top right (SPEC §4).
  await page.waitForURL(/\/cadastre$/);
  await checkPageBasics(page, { h1: "Cadastre" });
  await page.locator(".acting-for").filter({ hasText: "Jean Piette (5003)" }).waitFor();
  const dossiers = page.getByRole("table", { name: "Suivi des dossiers" });
  await dossiers.waitFor();
  const rows = await tableRows(dossiers);
  const row = rows.find((cells) => cells.includes("Lots 6 123 401 à 6 123 404, Lévis"));
  assert.ok(row, "le dossier 1093112 de Jean est listé");
  // Titre, Statut, Date de fermeture, Messages non lus (with the marker), Lu
  assert.deepEqual(row.slice(0, 2), ["Lots 6 123 401 à 6 123 404, Lévis", "Ouvert"]);
  assert.match(row[2], /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(row[3], "1 Non lu");
  await dossiers.getByRole("link", { name: "1093112" }).waitFor();
  assert.equal(await dossiers.getByRole("link", { name: "1096429" }).count(), 0, "pas les dossiers de Claire");
  await shot("suivi-des-dossiers");
  await checkA11y(page, "Suivi des dossiers");

  // Search by number
  await field(page, "No Dossier").fill("999");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByText("Aucun dossier ne correspond à ce numéro.").waitFor();
  assert.match(page.url(), /numero=999/);
  await field(page, "No Dossier").fill("3112");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await dossiers.getByRole("link", { name: "1093112" }).waitFor();

  // The dossier, its message opened by the délégataire: read for the surveyor (SPEC §7).
  await dossiers.getByRole("link", { name: "1093112" }).click();
  await checkPageBasics(page, { h1: "Dossier 1093112" });
  await page.locator(".acting-for").filter({ hasText: "Jean Piette (5003)" }).waitFor();
  const message = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: "Dossier en traitement" }) });
  await message.getByText("Non lu").waitFor();
  await message.getByRole("button", { name: "Dossier en traitement" }).click();
  await message.getByText("Votre demande est en cours d'analyse").waitFor();
  await message.getByText("par Pierre Quiroule").waitFor();
  assert.equal(await message.getByText("Non lu").count(), 0);
  await shot("dossier-message-lu");
  await checkA11y(page, "Dossier 1093112");

  // Réservation de lot: 2 lots on 1093112
  await openService(page, "Réservation de lot", "Réservation de lot");
  await field(page, "Dossier").selectOption("1093112");
  await field(page, "Nombre de lots").fill("2");
  await field(page, "Plans complémentaires en TR").fill("1");
  await page.getByRole("button", { name: "Réserver" }).click();
  const reserved = await status(page, "Lots réservés pour le dossier 1093112");
  const lots = /: (\d \d{3} \d{3}, \d \d{3} \d{3})\./.exec(reserved)?.[1];
  assert.ok(lots, `deux lots écrits 1 234 567 : ${reserved}`);
  done.reservedLots = lots;
  const reservations = page.getByRole("table", { name: "Réservations" });
  await reservations.getByText(lots).waitFor();
  assert.deepEqual((await tableRows(reservations))[0]?.slice(1), ["1093112", lots, "1", "Pierre Quiroule"]);
  await shot("reservation");
  await checkA11y(page, "Réservation de lot");

  // Commande de produit: the API's error on /lots/0 shows next to Lot 1, then a plan cadastral in PDF.
  await openService(page, "Commande de produit", "Commande de produit");
  await field(page, "Produit").selectOption("plan_cadastral");
  const lot1 = field(page, "Lot 1");
  await lot1.fill("9 999 999");
  await field(page, "Format").selectOption("pdf");
  await page.getByRole("button", { name: "Commander" }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
  assert.equal(await lot1.getAttribute("aria-invalid"), "true");
  assert.match(await fieldError(page, lot1), /9 999 999 n'existe pas/);
  await shot("commande-lot-inexistant");
  await checkA11y(page, "Commande de produit (erreur)");
  await lot1.fill("1 234 567");
  await page.getByRole("button", { name: "Commander" }).click();
  const ordered = await status(page, "reçue");
  const orderNumber = /Commande (CP-\d{4}-\d{6}) reçue\. Statut : Reçue\./.exec(ordered)?.[1];
  assert.ok(orderNumber, ordered);
  done.orderNumber = orderNumber;
  const orders = page.getByRole("table", { name: "Commandes" });
  await orders.getByRole("rowheader", { name: orderNumber }).waitFor();
  assert.deepEqual((await tableRows(orders))[0]?.slice(1), [
    "Plan cadastral",
    "1 234 567",
    "1",
    "PDF",
    "Reçue",
    "Pierre Quiroule",
  ]);
  await shot("commande");
  await checkA11y(page, "Commande de produit");

  // Vérification de la correction de lots: one lot of each status.
  await openService(page, "Vérification de la correction de lots", "Vérification de la correction de lots");
  await field(page, "Lot 1").fill("1234567");
  for (const [index, lot] of [
    [2, "3 456 789"],
    [3, done.reservedLots.split(", ")[0]],
    [4, "9999999"],
  ]) {
    await page.getByRole("button", { name: "Ajouter un lot" }).click();
    await field(page, `Lot ${index}`).fill(lot);
  }
  await page.getByRole("button", { name: "Vérifier" }).click();
  await status(page, "Vérification terminée : 4 lot(s) vérifié(s).");
  const results = page.getByRole("table", { name: "Résultat de la vérification" });
  const statuses = await results
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [tr.querySelector("th")?.textContent, tr.querySelector("td")?.textContent]));
  assert.deepEqual(statuses, [
    ["1 234 567", "Conforme"],
    ["3 456 789", "Correction requise"],
    [done.reservedLots.split(", ")[0], "Réservé"],
    ["9 999 999", "Inexistant"],
  ]);
  await shot("verification");
  await checkA11y(page, "Vérification de la correction de lots");

  // Prévalidation: a DM in another surveyor's name fails R4.
  await openService(page, "Prévalidation", "Prévalidation d'une demande de mise à jour du cadastre (DM)");
  await field(page, "Fichier de la DM").setInputFiles(
    dmFile(
      "dm-claire.xml",
      '<DemandeMiseAJour matricule="5001"><Lot numero="6123401" operation="creation"/></DemandeMiseAJour>',
    ),
  );
  await page.getByRole("button", { name: "Prévalider" }).click();
  await status(page, "Prévalidation de dm-claire.xml terminée.");
  const report = page.getByRole("table", { name: "Règles R1 à R8" });
  const findings = await report
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => `${tr.querySelector("th")?.textContent} ${tr.querySelector("td")?.textContent}`),
    );
  assert.equal(findings.length, 8);
  assert.equal(findings[3], "R4 Non respectée");
  assert.ok(
    findings.filter((f, i) => i !== 3).every((f) => f.endsWith(" Respectée")),
    findings.join(" | "),
  );
  await page.getByText("La DM dm-claire.xml ne respecte pas 1 règle(s) de prévalidation.").waitFor();
  assert.equal(await page.getByRole("link", { name: "Déposer cette DM" }).count(), 0);
  await shot("prevalidation");
  await checkA11y(page, "Prévalidation");

  // Dépôt: not offered to a délégataire; the reason instead (SPEC §3).
  await openService(page, "Dépôt", "Dépôt d'une demande de mise à jour du cadastre (DM)");
  await page.getByText(depositReason).waitFor();
  assert.equal(await page.getByRole("button", { name: "Déposer" }).count(), 0);
  assert.equal(await page.locator('input[type="file"]').count(), 0);
  await shot("depot-reserve");
  await checkA11y(page, "Dépôt (délégataire)");

  // Arpentage: Jean's survey dossier and the extension of its closing date.
  await page
    .getByRole("navigation", { name: "Services de Mon espace client" })
    .getByRole("link", { name: "Arpentage" })
    .click();
  await checkPageBasics(page, { h1: "Arpentage" });
  await page.locator(".acting-for").filter({ hasText: "Jean Piette (5003)" }).waitFor();
  const surveys = page.getByRole("table", { name: "Suivi des dossiers d'arpentage" });
  await surveys.getByRole("link", { name: "1094870" }).click();
  await checkPageBasics(page, { h1: "Dossier 1094870" });
  const newDate = field(page, "Nouvelle date de fermeture");
  const earliest = await newDate.getAttribute("min");
  assert.match(earliest ?? "", /^\d{4}-\d{2}-\d{2}$/);
  // Client checks mirror the API's: a date not after the current one is refused.
  const current = /Date de fermeture actuelle : (\d{4}-\d{2}-\d{2})/.exec(
    (await page.locator("main").textContent()) ?? "",
  )?.[1];
  assert.ok(current);
  await newDate.fill(current);
  await field(page, "Motif").fill("Attente du certificat de localisation du voisin");
  await page.getByRole("button", { name: "Prolonger la date de fermeture" }).click();
  assert.match(await fieldError(page, newDate), /postérieure à la date de fermeture actuelle/);
  const later = new Date(`${earliest}T00:00:00Z`);
  later.setUTCMonth(later.getUTCMonth() + 2);
  const wanted = later.toISOString().slice(0, 10);
  await newDate.fill(wanted);
  await page.getByRole("button", { name: "Prolonger la date de fermeture" }).click();
  await status(page, `La date de fermeture du dossier 1094870 est maintenant le ${wanted}.`);
  await page.getByText(`Date de fermeture actuelle : ${wanted}`).waitFor();
  await shot("prolongement");
  await checkA11y(page, "Dossier d'arpentage 1094870");

  await page.getByRole("button", { name: "Quitter" }).click();
  await checkPageBasics(page, { h1: "Authentification" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("Jean Piette voit ce que Pierre a fait en son nom et dépose une DM", noDemo, async () => {
  assert.ok(done.orderNumber && done.reservedLots, "le test précédent a réservé et commandé");
  const { page, shot, problems, context } = await newPage(browser, "services-arpenteur");
  await signIn(page, "jpiette");
  await page.waitForURL(/\/cadastre$/);
  await page.locator(".acting-for").filter({ hasText: "Jean Piette (5003)" }).waitFor();

  // The message Pierre opened is read for Jean too (SPEC §7).
  const dossiers = page.getByRole("table", { name: "Suivi des dossiers" });
  await dossiers.getByRole("link", { name: "1093112" }).waitFor();
  const row = (await tableRows(dossiers)).find((cells) => cells.includes("Lots 6 123 401 à 6 123 404, Lévis"));
  assert.deepEqual(row?.slice(3), ["0", "Oui"]);

  await openService(page, "Réservation de lot", "Réservation de lot");
  const reservations = page.getByRole("table", { name: "Réservations" });
  await reservations.getByText(done.reservedLots).waitFor();
  assert.deepEqual((await tableRows(reservations))[0]?.slice(1), [
    "1093112",
    done.reservedLots,
    "1",
    "Pierre Quiroule",
  ]);

  await openService(page, "Commande de produit", "Commande de produit");
  const orders = page.getByRole("table", { name: "Commandes" });
  await orders.getByRole("rowheader", { name: done.orderNumber }).waitFor();
  assert.equal((await tableRows(orders))[0]?.at(-1), "Pierre Quiroule");
  await shot("commandes-de-jean");

  // Communiqués: unread until opened.
  await openService(page, "Communiqués", "Communiqués");
  const communique = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: "Mise à jour des normes de dépôt" }) });
  await communique.getByText("Non lu").waitFor();
  await checkA11y(page, "Communiqués");
  await communique.getByRole("button", { name: "Mise à jour des normes de dépôt" }).click();
  await communique.getByText("Les nouvelles instructions").waitFor();
  await page.waitForFunction(() => !document.querySelector(".message .badge--unread"));
  await shot("communique-lu");

  // Dépôt: offered to the surveyor acting for himself; a valid DM opens a dossier.
  await openService(page, "Dépôt", "Dépôt d'une demande de mise à jour du cadastre (DM)");
  assert.equal(await page.getByText(depositReason).count(), 0);
  await checkA11y(page, "Dépôt (arpenteur-géomètre)");
  const file = field(page, "Fichier de la DM");
  await file.setInputFiles(
    dmFile(
      "dm-jean.xml",
      '<DemandeMiseAJour matricule="5001"><Lot numero="6123499" operation="creation"/></DemandeMiseAJour>',
    ),
  );
  await page.getByRole("button", { name: "Déposer" }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
  assert.match(await fieldError(page, file), /^R4 : /);
  await shot("depot-refuse");
  await file.setInputFiles(
    dmFile(
      "dm-jean.xml",
      '<DemandeMiseAJour matricule="5003" dossier="1093112"><Lot numero="6123499" operation="creation"/></DemandeMiseAJour>',
    ),
  );
  await page.getByRole("button", { name: "Déposer" }).click();
  const deposited = await status(page, "est déposée");
  const number = /Le dossier (\d{7}) est ouvert\./.exec(deposited)?.[1];
  assert.ok(number, deposited);
  await page.getByRole("table", { name: "Dépôts" }).getByRole("link", { name: number }).waitFor();
  await shot("depot");
  await page.getByRole("link", { name: `Consulter le dossier ${number}` }).click();
  await checkPageBasics(page, { h1: `Dossier ${number}` });

  await page.getByRole("button", { name: "Quitter" }).click();
  await checkPageBasics(page, { h1: "Authentification" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("Édith Descartes, agissant pour Jean Piette, n'a pas l'action Dépôt", noDemo, async () => {
  const { page, shot, problems, context } = await newPage(browser, "services-edith");
  await signIn(page, "edescartes");
  // Délégataire of two surveyors: nothing is chosen for her.
  await page.goto("/cadastre");
  await checkPageBasics(page, { h1: "Cadastre" });
  await page.getByRole("link", { name: "Sélection d'un délégant" }).waitFor();
  assert.equal(await subNav(page).count(), 0);
  await shot("choix-requis");
  await checkA11y(page, "Cadastre (délégant à choisir)");

  await actForThroughApi(page, "5003");
  await checkPageBasics(page, { h1: "Cadastre" });
  await page.locator(".acting-for").filter({ hasText: "Jean Piette (5003)" }).waitFor();
  await openService(page, "Dépôt", "Dépôt d'une demande de mise à jour du cadastre (DM)");
  await page.getByText(depositReason).waitFor();
  assert.equal(await page.getByRole("button", { name: "Déposer" }).count(), 0);
  assert.equal(await page.locator('input[type="file"]').count(), 0);
  await shot("depot-reserve");

  // Her reservations for Jean are Jean's: the list holds Pierre's too.
  await openService(page, "Réservation de lot", "Réservation de lot");
  await page.getByRole("table", { name: "Réservations" }).getByText(done.reservedLots).waitFor();

  await page.getByRole("button", { name: "Quitter" }).click();
  await checkPageBasics(page, { h1: "Authentification" });
  assert.deepEqual(problems, []);
  await context.close();
});
