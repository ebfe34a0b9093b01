// Administration tab (SPEC §15): the ministry's administrator grants surveyor status to a new
// user, opens a dossier for them and posts a message on it; the surveyor sees both in their
// Cadastre tab, and the e-mail alert reaches the surveyor only, never their délégataire (SPEC §7).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  apiCall,
  apiLogin,
  checkA11y,
  checkPageBasics,
  demoPassword,
  field,
  launch,
  mailbox,
  newPage,
  signIn,
  tableRows,
  uniqueSuffix,
  waitForMail,
} from "../support.mjs";

const noDemo = { skip: demoPassword === "" ? "E2E_DEMO_PASSWORD absent" : false };

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

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

/** A new account through the API (Créer un identifiant), as the person would in the UI. */
async function signUp(prefix, firstName, lastName) {
  const suffix = uniqueSuffix();
  const account = {
    username: `${prefix}-${suffix}`,
    email: `${prefix}-${suffix}@exemple.qc.ca`,
    firstName,
    lastName,
    password: `verger-${suffix}-pommes-rouges`,
  };
  await apiCall(null, "POST", "/api/v1/accounts", account, [201]);
  return account;
}

test(
  "l'administrateur accorde le statut, ouvre un dossier et y publie un message; l'arpenteur-géomètre le voit et reçoit seul l'alerte",
  noDemo,
  async () => {
    const surveyor = await signUp("ag", "Nadia", "Ouellet");
    const technician = await signUp("tech", "Thomas", "Bérubé");
    // Fresh data directory: these numbers are free (the demo uses 5001-5004 and dossiers 109xxxx).
    const matricule = String(700_000 + Math.floor(Math.random() * 299_999)).slice(0, 6);
    const dossierNumber = String(8_000_000 + Math.floor(Math.random() * 999_999));
    const subject = `Pièce manquante ${uniqueSuffix()}`;

    const admin = await newPage(browser, "administration");
    const { page, shot, problems } = admin;
    await signIn(page, "admin");

    // The tab is there for the administrator; it opens on Arpenteurs-géomètres.
    const tabs = page.getByRole("navigation", { name: "Services de Mon espace client" });
    await tabs.getByRole("link", { name: "Administration" }).click();
    await checkPageBasics(page, { h1: "Arpenteurs-géomètres" });
    const list = page.getByRole("table", { name: "Arpenteurs-géomètres inscrits" });
    await list.getByRole("rowheader", { name: "5003" }).waitFor();
    const countText = await page.getByText(/^\d+ arpenteurs-géomètres inscrits$/).textContent();
    const registered = Number.parseInt(countText ?? "", 10);
    assert.ok(registered >= 4, `les arpenteurs-géomètres de la démo : ${countText}`);
    await shot("arpenteurs-geometres");
    await checkA11y(page, "Administration ▸ Arpenteurs-géomètres");

    // Search on name, username or matricule.
    const search = page.getByRole("searchbox", { name: "Rechercher un arpenteur-géomètre" });
    await search.fill("lavoie");
    await page.getByText(`1 arpenteur-géomètre sur ${registered} correspond à la recherche`).waitFor();
    assert.deepEqual(
      (await tableRows(list)).map((cells) => cells.slice(0, 2)),
      [["Lavoie, Claire", "clavoie"]],
    );
    await search.fill("");

    // Accorder le statut: a matricule already held is refused next to the field (problem+json pointer).
    const username = field(page, "Nom d'utilisateur");
    const matriculeInput = field(page, "Matricule");
    await username.fill(surveyor.username);
    await matriculeInput.fill("5001");
    await page.getByRole("button", { name: "Accorder le statut" }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
    assert.equal(await matriculeInput.getAttribute("aria-invalid"), "true");
    assert.match(await fieldError(page, matriculeInput), /déjà attribué/);
    await shot("accorder-statut-matricule-pris");
    await checkA11y(page, "Accorder le statut (erreur)");

    await matriculeInput.fill(matricule);
    await page.getByRole("button", { name: "Accorder le statut" }).click();
    await status(
      page,
      `Nadia Ouellet (${surveyor.username}) est maintenant arpenteur-géomètre, matricule ${matricule}.`,
    );
    await list.getByRole("rowheader", { name: matricule }).waitFor();
    await page.getByText(`${registered + 1} arpenteurs-géomètres inscrits`).waitFor();
    await shot("statut-accorde");

    // Retirer le statut asks first; the safe answer has focus, Escape changes nothing.
    await search.fill(matricule);
    await page.getByRole("button", { name: "Retirer le statut de Nadia Ouellet" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Retirer le statut d'arpenteur-géomètre" });
    await confirm.waitFor();
    assert.equal(await confirm.getAttribute("aria-modal"), "true");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Annuler");
    await shot("retirer-statut-confirmation");
    await checkA11y(page, "Retirer le statut (dialogue)");
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
      "Retirer le statut de Nadia Ouellet",
    );
    await list.getByRole("rowheader", { name: matricule }).waitFor();

    // The new surveyor designates a délégataire (through the API): the alert must not reach him.
    const surveyorToken = await apiLogin(surveyor.username, surveyor.password);
    const [candidate] = await apiCall(
      surveyorToken,
      "GET",
      `/api/v1/delegate-candidates?username=${encodeURIComponent(technician.username)}`,
    );
    assert.ok(candidate, "le délégataire est trouvé");
    await apiCall(surveyorToken, "POST", "/api/v1/delegates", { userId: candidate.userId }, [201]);

    // Ouvrir un dossier, from the surveyor's row: they are already chosen.
    await page.getByRole("link", { name: "Ouvrir un dossier pour Nadia Ouellet" }).click();
    await checkPageBasics(page, { h1: "Ouvrir un dossier" });
    assert.equal(await field(page, "Arpenteur-géomètre responsable").inputValue(), matricule);
    await field(page, "Numéro de dossier").fill(dossierNumber);
    await field(page, "Type de dossier").selectOption("cadastre");
    await field(page, "Titre").fill("Lot 6 123 405, Lévis");
    await field(page, "Date de fermeture").fill("2027-06-30");
    await page.getByRole("button", { name: "Ouvrir le dossier" }).click();
    await status(page, `Le dossier ${dossierNumber} est ouvert pour Nadia Ouellet (${matricule}).`);
    await shot("dossier-ouvert");
    await checkA11y(page, "Administration ▸ Ouvrir un dossier");

    // Publier un message on it, from the link of the confirmation.
    await page.getByRole("link", { name: `Publier un message sur le dossier ${dossierNumber}` }).click();
    await checkPageBasics(page, { h1: "Publier un message sur un dossier" });
    assert.equal(await field(page, "Numéro de dossier").inputValue(), dossierNumber);
    await field(page, "Objet").fill(subject);
    await field(page, "Message").fill("Veuillez transmettre le plan signé avant la date de fermeture.");
    await page.getByRole("button", { name: "Publier le message" }).click();
    await status(page, `Le message « ${subject} » est publié au dossier ${dossierNumber}.`);
    await shot("message-publie");
    await checkA11y(page, "Administration ▸ Message sur un dossier");

    // Communiqués: the page only (publishing would alert every surveyor of the suite).
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Communiqués", exact: true })
      .click();
    await checkPageBasics(page, { h1: "Publier un communiqué" });
    await shot("communiques");
    await checkA11y(page, "Administration ▸ Communiqués");

    // Journal d'administration: the grant is there, its matricule in « Détail »; the table
    // filters on the journal's types and its exports carry the filtered view.
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Journal d'administration" })
      .click();
    await checkPageBasics(page, { h1: "Journal d'administration" });
    const journal = page.getByRole("table", { name: /^Journal d'administration/ });
    await page.getByText(/^Page 1 de \d+ \(\d+ activités?\)$/).waitFor();
    await page.getByRole("checkbox", { name: "Attribution du statut d'arpenteur-géomètre" }).check();
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/type=surveyor_granted/);
    await journal
      .locator("tbody tr")
      .filter({ hasText: `Matricule ${matricule}` })
      .waitFor();
    const granted = (await tableRows(journal)).find((cells) => cells[5] === `Matricule ${matricule}`);
    assert.ok(granted, `l'attribution du matricule ${matricule} est au journal`);
    assert.equal(granted[2], "Attribution du statut d'arpenteur-géomètre");
    assert.equal(granted[3], "Administration MRNF");
    for (const cells of await tableRows(journal)) assert.equal(cells[2], "Attribution du statut d'arpenteur-géomètre");
    await page.getByRole("button", { name: "Exporter (Excel)" }).waitFor();
    await page.getByRole("button", { name: "Exporter (PDF)" }).waitFor();
    await shot("journal-d-administration");
    await checkA11y(page, "Administration ▸ Journal d'administration");
    assert.deepEqual(problems, []);
    await admin.context.close();

    // The surveyor: the dossier in Cadastre ▸ Suivi des dossiers, and the message in it.
    const own = await newPage(browser, "administration-arpenteur");
    await signIn(own.page, surveyor.username, surveyor.password);
    await own.page.waitForURL(/\/cadastre$/);
    const dossiers = own.page.getByRole("table", { name: "Suivi des dossiers" });
    await dossiers.getByRole("link", { name: dossierNumber }).waitFor();
    const row = (await tableRows(dossiers)).find((cells) => cells.includes("Lot 6 123 405, Lévis"));
    assert.ok(row, "le dossier ouvert est listé");
    assert.deepEqual(row.slice(0, 4), ["Lot 6 123 405, Lévis", "Ouvert", "2027-06-30", "1 Non lu"]);
    await own.shot("suivi-des-dossiers");
    await dossiers.getByRole("link", { name: dossierNumber }).click();
    await checkPageBasics(own.page, { h1: `Dossier ${dossierNumber}` });
    await own.page.getByRole("button", { name: subject }).click();
    await own.page.getByText("Veuillez transmettre le plan signé avant la date de fermeture.").waitFor();
    await own.shot("dossier-message");
    // Not an administrator: no Administration tab, and its address says so.
    const ownTabs = own.page.getByRole("navigation", { name: "Services de Mon espace client" });
    assert.equal(await ownTabs.getByRole("link", { name: "Administration" }).count(), 0);
    await own.page.goto("/administration");
    await checkPageBasics(own.page, { h1: "Administration" });
    await own.page.getByText("L'onglet Administration est réservé aux administrateurs du ministère.").waitFor();
    assert.deepEqual(own.problems, []);
    await own.context.close();

    // The e-mail alert: to the surveyor, and to no one else (not the délégataire).
    const aboutDossier = (mail) => mail.subject.includes(dossierNumber);
    const alert = await waitForMail(aboutDossier);
    assert.equal(alert.subject, `Mon espace client — Nouveau message au dossier ${dossierNumber}`);
    assert.deepEqual(alert.envelopeTo, [surveyor.email]);
    assert.deepEqual(alert.to, [surveyor.email]);
    assert.match(alert.text, new RegExp(`« ${subject} »`));
    // Leave the worker time to send anything else it would have queued for this message.
    await new Promise((r) => setTimeout(r, 3_000));
    const all = await mailbox();
    assert.deepEqual(
      all.filter(aboutDossier).map((mail) => mail.envelopeTo),
      [[surveyor.email]],
      "une seule alerte, à l'arpenteur-géomètre",
    );
    // The délégataire got his delegation e-mail through the same listener, but not the alert.
    assert.ok(
      all.some((mail) => mail.envelopeTo.includes(technician.email)),
      "le délégataire reçoit bien ses propres courriels",
    );
    assert.equal(all.filter((mail) => mail.envelopeTo.includes(technician.email) && aboutDossier(mail)).length, 0);
  },
);
