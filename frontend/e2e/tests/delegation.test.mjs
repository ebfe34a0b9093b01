// Délégation: a surveyor registers her first délégataire (password change first), the délégataire
// picks the surveyor to act for, then the surveyor removes her and the next call is refused.
// Demo data (ESPACE_DEMO=1): Marie Tremblay (mtremblay, 5004) has no délégataire and a password
// dated 30 days back; Édith Descartes (edescartes) is délégataire of Jean Piette and Claire Lavoie.
// At the end Marie has no délégataire again and her demo password back, as other tests expect.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  checkA11y,
  checkPageBasics,
  demoPassword,
  field,
  launch,
  login,
  newPage,
  nextApiProblem,
} from "../support.mjs";

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const warning =
  "Pour des raisons de sécurité, comme il s'agit de l'inscription de votre premier délégataire, vous devez changer votre mot de passe avant de poursuivre.";
/** Top right under Cadastre and Arpentage: the surveyor acted for (SPEC §4). */
function actingFor(page, text) {
  return page.locator(".page__head").getByText(text);
}

const notActive =
  "La délégation de l'arpenteur-géomètre pour qui vous agissiez n'est plus en vigueur. Sélectionnez un autre délégant.";

test(
  "Marie inscrit Édith comme délégataire, Édith agit pour elle, puis Marie la supprime",
  { skip: demoPassword === "" },
  async () => {
    const marie = await newPage(browser, "delegation-marie");
    const edith = await newPage(browser, "delegation-edith");
    const mariePassword = "sapins bleus du rang Saint-Joseph";

    // --- Marie: Délégation ▸ Gestion des délégataires, empty.
    const m = marie.page;
    await m.goto("/connexion");
    await login(m, "mtremblay", demoPassword);
    await m.waitForURL(/\/cadastre/);
    const mTabs = m.getByRole("navigation", { name: "Services de Mon espace client" });
    await mTabs.getByRole("link", { name: "Délégation" }).click();
    await m.waitForURL(/\/delegation\/gestion-des-delegataires$/);
    await checkPageBasics(m, { h1: "Gestion des délégataires" });
    const mSubTabs = m.getByRole("navigation", { name: "Délégation" });
    assert.deepEqual(await mSubTabs.getByRole("link").allTextContents(), [
      "Gestion des délégataires",
      "Sélection d'un délégant",
      "Suivi des activités",
    ]);
    const table = m.getByRole("table", { name: "Vos délégataires" });
    await table.getByText("Aucun délégataire à afficher").waitFor();
    await marie.shot("gestion-vide");
    await checkA11y(m, "Gestion des délégataires");

    // Ajouter délégataire: search edescartes by Nom d'utilisateur.
    await m.getByRole("button", { name: "Ajouter délégataire" }).click();
    const addDialog = m.getByRole("dialog", { name: "Ajouter délégataire" });
    await addDialog.waitFor();
    assert.equal(await addDialog.getAttribute("aria-modal"), "true");
    assert.equal(await addDialog.getByRole("radio", { name: "Nom d'utilisateur" }).isChecked(), true);
    await field(m, "Nom d'utilisateur du délégataire").fill("edescartes");
    await addDialog.getByRole("button", { name: "Rechercher" }).click();
    const result = addDialog.getByRole("region", { name: "Résultat de la recherche" });
    await result.getByText("edith.descartes@exemple.qc.ca").waitFor();
    for (const text of ["Nom", "Descartes", "Prénom", "Édith", "Nom d'utilisateur", "edescartes", "Adresse courriel"])
      await result.getByText(text, { exact: true }).waitFor();
    await marie.shot("recherche");
    await checkA11y(m, "Ajouter délégataire");

    // First délégataire: the password must be changed first, then the add goes on by itself.
    await addDialog.getByRole("button", { name: "Confirmer délégataire" }).click();
    const passwordDialog = m.getByRole("dialog", { name: "Changement de mot de passe" });
    await passwordDialog.getByText(warning).waitFor();
    await passwordDialog.getByText("Avertissement").waitFor();
    await marie.shot("changement-mot-de-passe");
    await checkA11y(m, "Changement de mot de passe (premier délégataire)");
    await field(m, "Ancien mot de passe").fill(demoPassword);
    await field(m, "Nouveau mot de passe").fill(mariePassword);
    await field(m, "Confirmer le nouveau mot de passe").fill(mariePassword);
    await passwordDialog.getByRole("button", { name: "Soumettre" }).click();
    await passwordDialog.waitFor({ state: "detached" });
    await addDialog.waitFor({ state: "detached" });
    await table.getByRole("rowheader", { name: "Édith Descartes" }).waitFor();
    await table.getByText("edith.descartes@exemple.qc.ca").waitFor();
    await m.getByRole("status").filter({ hasText: "Édith Descartes est maintenant votre délégataire." }).waitFor();
    await marie.shot("delegataire-ajoute");
    await checkA11y(m, "Gestion des délégataires (un délégataire)");

    // --- Édith logs in: three délégants, so Sélection d'un délégant opens by itself.
    const e = edith.page;
    await e.goto("/connexion");
    await login(e, "edescartes", demoPassword);
    await e.waitForURL(/\/delegation\/selection-d-un-delegant$/);
    await checkPageBasics(e, { h1: "Sélection d'un délégant" });
    const eSubTabs = e.getByRole("navigation", { name: "Délégation" });
    assert.deepEqual(await eSubTabs.getByRole("link").allTextContents(), [
      "Sélection d'un délégant",
      "Suivi des activités",
    ]);
    const delegants = e.getByRole("table", { name: "Arpenteurs-géomètres pour qui vous pouvez agir" });
    const rows = delegants.locator("tbody tr");
    await rows.first().waitFor();
    const listed = [];
    for (const row of await rows.all()) {
      const cells = await row.locator("td, th").allTextContents();
      listed.push(`${cells[2]} ${cells[1]}`);
    }
    assert.deepEqual(listed.sort(), ["Claire Lavoie 5001", "Jean Piette 5003", "Marie Tremblay 5004"]);
    for (const radio of await delegants.getByRole("radio").all()) assert.equal(await radio.isChecked(), false);
    await edith.shot("selection-delegant");
    await checkA11y(e, "Sélection d'un délégant");

    await delegants.getByRole("radio", { name: "Claire Lavoie 5001" }).check();
    await e.getByRole("button", { name: "Appliquer" }).click();
    await e
      .getByRole("status")
      .filter({ hasText: "Vous agissez maintenant au nom de Claire Lavoie (5001)." })
      .waitFor();
    const eTabs = e.getByRole("navigation", { name: "Services de Mon espace client" });
    await eTabs.getByRole("link", { name: "Cadastre" }).click();
    await e.waitForURL(/\/cadastre/);
    await actingFor(e, "Claire Lavoie (5001)").waitFor();
    await edith.shot("cadastre-claire");

    // The choice survives a reload (the session keeps it, the refresh cookie was renewed).
    await e.reload();
    await actingFor(e, "Claire Lavoie (5001)").waitFor();

    // Then she acts for Marie.
    await eTabs.getByRole("link", { name: "Délégation" }).click();
    await e.waitForURL(/\/delegation\/selection-d-un-delegant$/);
    const claireRadio = delegants.getByRole("radio", { name: "Claire Lavoie 5001" });
    await claireRadio.waitFor();
    assert.equal(await claireRadio.isChecked(), true, "le délégant actuel est présélectionné");
    await delegants.getByRole("radio", { name: "Marie Tremblay 5004" }).check();
    await e.getByRole("button", { name: "Appliquer" }).click();
    await e
      .getByRole("status")
      .filter({ hasText: "Vous agissez maintenant au nom de Marie Tremblay (5004)." })
      .waitFor();
    await eTabs.getByRole("link", { name: "Cadastre" }).click();
    await actingFor(e, "Marie Tremblay (5004)").waitFor();
    await edith.shot("cadastre-marie");

    // --- Marie removes Édith: Supprimer, then a confirmation naming her.
    await table.getByRole("button", { name: "Supprimer Édith Descartes" }).click();
    const confirm = m.getByRole("alertdialog", { name: "Supprimer un délégataire" });
    await confirm.getByText(/Voulez-vous vraiment supprimer Édith Descartes/).waitFor();
    await marie.shot("confirmation-suppression");
    await checkA11y(m, "Supprimer un délégataire");
    await confirm.getByRole("button", { name: "Supprimer" }).click();
    await confirm.waitFor({ state: "detached" });
    await table.getByText("Aucun délégataire à afficher").waitFor();
    await m.getByRole("status").filter({ hasText: "Édith Descartes n'est plus votre délégataire." }).waitFor();
    await marie.shot("delegataire-supprime");

    // --- Édith's next call for Marie is refused at once (403 delegation_not_active) and she is
    // sent to Sélection d'un délégant with a message.
    const refusal = await nextApiProblem(e, 403, () => eTabs.getByRole("link", { name: "Arpentage" }).click());
    assert.equal(refusal.body.code, "delegation_not_active", JSON.stringify(refusal));
    await e.waitForURL(/\/delegation\/selection-d-un-delegant$/);
    await e.getByText(notActive).waitFor();
    await delegants.getByRole("radio", { name: "Claire Lavoie 5001" }).waitFor();
    assert.equal(await delegants.getByRole("radio", { name: /Marie Tremblay/ }).count(), 0);
    await edith.shot("delegation-terminee");
    await checkA11y(e, "Sélection d'un délégant (délégation terminée)");

    // After a reload too: /me names nobody, the message is the same.
    await e.goto("/cadastre");
    await e.waitForURL(/\/delegation\/selection-d-un-delegant$/);
    await e.getByText(notActive).waitFor();

    // She picks Claire again and carries on.
    await delegants.getByRole("radio", { name: "Claire Lavoie 5001" }).check();
    await e.getByRole("button", { name: "Appliquer" }).click();
    await e
      .getByRole("status")
      .filter({ hasText: "Vous agissez maintenant au nom de Claire Lavoie (5001)." })
      .waitFor();
    assert.equal(await e.getByText(notActive).count(), 0);

    // --- Leave the demo as found: Marie takes her demo password back.
    await m.getByRole("link", { name: "Changement de mot de passe" }).click();
    await checkPageBasics(m, { h1: "Changement de mot de passe" });
    await field(m, "Ancien mot de passe").fill(mariePassword);
    await field(m, "Nouveau mot de passe").fill(demoPassword);
    await field(m, "Confirmer le nouveau mot de passe").fill(demoPassword);
    await m.getByRole("button", { name: "Soumettre" }).click();
    await m.getByRole("status").filter({ hasText: "Votre mot de passe a été changé." }).waitFor();

    assert.deepEqual(marie.problems, []);
    assert.deepEqual(edith.problems, []);
    await marie.context.close();
    await edith.context.close();
  },
);

test(
  "un délégataire ne voit pas Gestion des délégataires; un arpenteur agissant pour autrui non plus",
  {
    skip: demoPassword === "",
  },
  async () => {
    // Jean Piette (5003) is a surveyor and délégataire of Alain Proviste (5002).
    const { page, shot, problems, context } = await newPage(browser, "delegation-jean");
    await page.goto("/connexion");
    await login(page, "jpiette", demoPassword);
    await page.waitForURL(/\/cadastre/);
    await page.goto("/delegation");
    await page.waitForURL(/\/delegation\/gestion-des-delegataires$/);
    await checkPageBasics(page, { h1: "Gestion des délégataires" });
    const table = page.getByRole("table", { name: "Vos délégataires" });
    await table.getByRole("rowheader", { name: "Édith Descartes" }).waitFor();
    await table.getByRole("rowheader", { name: "Pierre Quiroule" }).waitFor();

    const subTabs = page.getByRole("navigation", { name: "Délégation" });
    await subTabs.getByRole("link", { name: "Sélection d'un délégant" }).click();
    await checkPageBasics(page, { h1: "Sélection d'un délégant" });
    const delegants = page.getByRole("table", { name: "Arpenteurs-géomètres pour qui vous pouvez agir" });
    assert.equal(await delegants.getByRole("radio", { name: "Jean Piette (vous-même) 5003" }).isChecked(), true);
    await delegants.getByRole("radio", { name: "Alain Proviste 5002" }).check();
    await page.getByRole("button", { name: "Appliquer" }).click();
    await page.getByRole("status").filter({ hasText: "Alain Proviste (5002)" }).waitFor();
    // Acting for Alain: Gestion des délégataires is no longer offered.
    await subTabs.getByRole("link", { name: "Gestion des délégataires" }).waitFor({ state: "detached" });
    assert.deepEqual(await subTabs.getByRole("link").allTextContents(), [
      "Sélection d'un délégant",
      "Suivi des activités",
    ]);
    await shot("agit-pour-alain");
    await checkA11y(page, "Sélection d'un délégant (arpenteur)");

    // Back to acting for himself, so that nothing changes for the other tests.
    await delegants.getByRole("radio", { name: "Jean Piette (vous-même) 5003" }).check();
    await page.getByRole("button", { name: "Appliquer" }).click();
    await subTabs.getByRole("link", { name: "Gestion des délégataires" }).waitFor();
    await page.getByRole("button", { name: "Quitter" }).click();
    await checkPageBasics(page, { h1: "Authentification" });
    assert.deepEqual(problems, []);
    await context.close();
  },
);
