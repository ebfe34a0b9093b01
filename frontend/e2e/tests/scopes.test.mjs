// Délégations limitées et datées (SPEC §11) et authentification récente (§12): Marie Tremblay
// (mtremblay, 5004) adds Pierre Quiroule (pquiroule) for « Réservation de lot » only, until a date;
// Pierre sees only that service; Marie widens to every service (« Confirmez votre identité » once
// her last password entry is older than ESPACE_REAUTH_WINDOW, set short by run.mjs); Pierre then
// sees them all. At the end Pierre is removed and Marie has her demo password back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checkA11y, checkPageBasics, demoPassword, field, launch, login, newPage } from "../support.mjs";

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The reauthentication window the server runs with (run.mjs), in milliseconds. */
const reauthWindowMs = Number.parseInt(process.env.E2E_REAUTH_WINDOW_SECONDS ?? "20", 10) * 1000;

/** A date about two months ahead, YYYY-MM-DD. */
function inTwoMonths() {
  const d = new Date();
  d.setUTCDate(15);
  d.setUTCMonth(d.getUTCMonth() + 2);
  return d.toISOString().slice(0, 10);
}

test(
  "Marie délègue à Pierre la réservation de lot seulement, jusqu'à une date, puis tous les services",
  { skip: demoPassword === "" },
  async () => {
    const marie = await newPage(browser, "scopes-marie");
    const pierre = await newPage(browser, "scopes-pierre");
    const mariePassword = "épinettes noires du lac Saint-Jean";
    let marieCurrent = demoPassword;
    const ends = inTwoMonths();

    // --- Marie: Ajouter délégataire, Pierre, Réservation de lot only, until a date.
    const m = marie.page;
    await m.goto("/connexion");
    await login(m, "mtremblay", demoPassword);
    await m.waitForURL(/\/cadastre/);
    let lastPasswordEntry = Date.now();
    await m.goto("/delegation/gestion-des-delegataires");
    await checkPageBasics(m, { h1: "Gestion des délégataires" });
    const table = m.getByRole("table", { name: "Vos délégataires" });
    await table.waitFor();
    await m.getByRole("button", { name: "Ajouter délégataire" }).click();
    const addDialog = m.getByRole("dialog", { name: "Ajouter délégataire" });
    await field(m, "Nom d'utilisateur du délégataire").fill("pquiroule");
    await addDialog.getByRole("button", { name: "Rechercher" }).click();
    const services = addDialog.getByRole("group", { name: /Services délégués/ });
    await services.waitFor();
    const boxes = services.getByRole("checkbox");
    assert.equal(await boxes.count(), 6);
    for (const box of await boxes.all()) assert.equal(await box.isChecked(), true, "tous cochés par défaut");
    for (const box of await boxes.all())
      if ((await box.getAttribute("value")) !== "lot_reservation") await box.uncheck();
    await addDialog.getByLabel("Date de fin (facultatif)").fill(ends);
    await marie.shot("ajout-reservation-seulement");
    await checkA11y(m, "Ajouter délégataire (services et date de fin)");
    await addDialog.getByRole("button", { name: "Confirmer délégataire" }).click();

    // A first délégataire asks for a password change first (§5), when this demo has not had one.
    const passwordDialog = m.getByRole("dialog", { name: "Changement de mot de passe" });
    const added = table.getByRole("rowheader", { name: "Pierre Quiroule" });
    await Promise.race([passwordDialog.waitFor(), added.waitFor()]);
    if (await passwordDialog.isVisible()) {
      await marie.shot("changement-mot-de-passe");
      await field(m, "Ancien mot de passe").fill(demoPassword);
      await field(m, "Nouveau mot de passe").fill(mariePassword);
      await field(m, "Confirmer le nouveau mot de passe").fill(mariePassword);
      await passwordDialog.getByRole("button", { name: "Soumettre" }).click();
      marieCurrent = mariePassword;
      lastPasswordEntry = Date.now();
    }
    await added.waitFor();
    const row = table.getByRole("row", { name: /Pierre Quiroule/ });
    await row.getByText("Réservation de lot").waitFor();
    await row.getByText(ends).waitFor();
    await marie.shot("pierre-ajoute");
    await checkA11y(m, "Gestion des délégataires (services et date de fin)");

    // --- Pierre: délégataire of Jean and now Marie; he picks Marie.
    const p = pierre.page;
    await p.goto("/connexion");
    await login(p, "pquiroule", demoPassword);
    await p.waitForURL(/\/delegation\/selection-d-un-delegant$/);
    const delegants = p.getByRole("table", { name: "Arpenteurs-géomètres pour qui vous pouvez agir" });
    await delegants.getByRole("radio", { name: "Marie Tremblay 5004" }).check();
    await p.getByRole("button", { name: "Appliquer" }).click();
    await p
      .getByRole("status")
      .filter({ hasText: "Vous agissez maintenant au nom de Marie Tremblay (5004)." })
      .waitFor();
    const pTabs = p.getByRole("navigation", { name: "Services de Mon espace client" });
    await pTabs.getByRole("link", { name: "Cadastre" }).click();
    await p.waitForURL(/\/cadastre\/reservation-de-lot$/);
    const sub = p.getByRole("navigation", { name: "Services du cadastre" });
    await sub.waitFor();
    assert.deepEqual(await sub.getByRole("link").allTextContents(), ["Réservation de lot", "Dépôt", "Communiqués"]);
    assert.deepEqual(await pTabs.getByRole("link").allTextContents(), ["Cadastre", "Délégation"]);
    await p.getByText(ends).first().waitFor();
    await pierre.shot("reservation-seulement");
    await checkA11y(p, "Cadastre (réservation de lot seulement)");

    // --- Marie widens to every service: her last password entry is too old now (§12).
    const wait = lastPasswordEntry + reauthWindowMs + 1_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await row.getByRole("button", { name: "Modifier la délégation de Pierre Quiroule" }).click();
    const editDialog = m.getByRole("dialog", { name: "Modifier la délégation de Pierre Quiroule" });
    await editDialog.waitFor();
    for (const box of await editDialog.getByRole("checkbox").all()) await box.check();
    await marie.shot("modifier-tous-les-services");
    await editDialog.getByRole("button", { name: "Enregistrer" }).click();
    const reauth = m.getByRole("dialog", { name: "Confirmez votre identité" });
    await reauth.waitFor();
    await marie.shot("confirmez-votre-identite");
    await checkA11y(m, "Confirmez votre identité");
    await field(m, "Mot de passe").fill(marieCurrent);
    await reauth.getByRole("button", { name: "Confirmer" }).click();
    await reauth.waitFor({ state: "detached" });
    await editDialog.waitFor({ state: "detached" });
    await row.getByText("Tous les services").waitFor();
    await m.getByRole("status").filter({ hasText: "La délégation de Pierre Quiroule a été modifiée." }).waitFor();
    await marie.shot("tous-les-services");

    // --- Pierre sees every service now.
    await p.reload();
    await sub.waitFor();
    assert.deepEqual(await sub.getByRole("link").allTextContents(), [
      "Suivi des dossiers",
      "Réservation de lot",
      "Vérification de la correction de lots",
      "Commande de produit",
      "Prévalidation",
      "Dépôt",
      "Communiqués",
    ]);
    assert.deepEqual(await pTabs.getByRole("link").allTextContents(), ["Cadastre", "Arpentage", "Délégation"]);
    await pierre.shot("tous-les-services");

    // --- Leave the demo as found: Pierre removed, Marie's demo password back.
    await row.getByRole("button", { name: "Supprimer Pierre Quiroule" }).click();
    const confirm = m.getByRole("alertdialog", { name: "Supprimer un délégataire" });
    await confirm.getByRole("button", { name: "Supprimer" }).click();
    await confirm.waitFor({ state: "detached" });
    await added.waitFor({ state: "detached" });
    if (marieCurrent !== demoPassword) {
      await m.getByRole("link", { name: "Changement de mot de passe" }).click();
      await field(m, "Ancien mot de passe").fill(marieCurrent);
      await field(m, "Nouveau mot de passe").fill(demoPassword);
      await field(m, "Confirmer le nouveau mot de passe").fill(demoPassword);
      await m.getByRole("button", { name: "Soumettre" }).click();
      await m.getByRole("status").filter({ hasText: "Votre mot de passe a été changé." }).waitFor();
    }

    assert.deepEqual(marie.problems, []);
    assert.deepEqual(pierre.problems, []);
    await marie.context.close();
    await pierre.context.close();
  },
);
