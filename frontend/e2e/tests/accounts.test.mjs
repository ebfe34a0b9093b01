// Accounts and sessions: sign-up, login, portal frame, password change, logout.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checkA11y, checkPageBasics, demoPassword, field, launch, login, newPage, uniqueSuffix } from "../support.mjs";

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test("un nouvel utilisateur crée son identifiant, se connecte, change son mot de passe et quitte", async () => {
  const { page, shot, problems, context } = await newPage(browser, "parcours");
  const suffix = uniqueSuffix();
  const username = `e2e.${suffix}`;
  const firstName = "Édith";
  const lastName = `Lévesque-${suffix}`;
  const fullName = `${firstName} ${lastName}`;
  const firstPassword = "pommes vertes du verger d'automne";
  const newPassword = "poires jaunes de l'île d'Orléans";

  // Authentification
  await page.goto("/");
  await checkPageBasics(page, { h1: "Authentification" });
  assert.match(page.url(), /\/connexion$/);
  await page
    .getByText(
      "Ce service d'authentification vous permet d'accéder de façon plus sécuritaire à Infolot, au Registre du domaine de l'État et à l'Espace client (section réservée aux arpenteurs-géomètres).",
    )
    .waitFor();
  await page.getByText("* Ceci indique que le champ est obligatoire").waitFor();
  await page.getByRole("link", { name: "nom d'utilisateur" }).waitFor();
  await page.getByRole("link", { name: "mot de passe" }).waitFor();
  await shot("authentification");
  await checkA11y(page, "Authentification");

  // Création d'un identifiant
  await page.getByRole("link", { name: "Je suis un nouvel utilisateur" }).click();
  await checkPageBasics(page, { h1: "Création d'un identifiant" });
  await checkA11y(page, "Création d'un identifiant");
  await field(page, "Nom d'utilisateur").fill(username);
  await field(page, "Adresse courriel").fill(`${username}@exemple.qc.ca`);
  await field(page, "Prénom").fill(firstName);
  await field(page, "Nom").fill(lastName);
  await field(page, "Mot de passe").fill(firstPassword);
  await field(page, "Confirmer le mot de passe").fill(firstPassword);
  await shot("creation-identifiant");
  await page.getByRole("button", { name: "Créer mon identifiant" }).click();

  // Back to login, with a notice and the username filled in
  await checkPageBasics(page, { h1: "Authentification" });
  await page.getByRole("status").filter({ hasText: "Votre identifiant a été créé." }).waitFor();
  assert.equal(await field(page, "Nom d'utilisateur").inputValue(), username);
  await shot("identifiant-cree");
  await field(page, "Mot de passe").fill(firstPassword);
  await page.getByRole("button", { name: "Se connecter" }).click();

  // Portal frame
  await page.waitForURL(/\/cadastre$/);
  await checkPageBasics(page, { h1: "Cadastre" });
  const banner = page.locator(".service-banner");
  await banner.getByText(fullName).waitFor();
  await page.getByText("Énergie et Ressources naturelles Québec").waitFor();
  for (const name of ["Accueil", "Nous joindre", "Portail Québec"])
    await page.getByRole("link", { name, exact: true }).waitFor();
  await page.getByRole("button", { name: "Quitter" }).waitFor();
  const tabs = page.getByRole("navigation", { name: "Services de Mon espace client" });
  assert.equal(await tabs.getByRole("link", { name: "Cadastre" }).getAttribute("aria-current"), "page");
  // Neither surveyor nor délégataire: the guide's message (SPEC §4).
  await page
    .getByText("Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire")
    .waitFor();
  await shot("portail-cadastre");
  await checkA11y(page, "Portail (Cadastre)");

  for (const [tab, h1] of [
    ["Arpentage", "Arpentage"],
    ["Délégation", "Délégation"],
  ]) {
    await tabs.getByRole("link", { name: tab }).click();
    await checkPageBasics(page, { h1 });
    assert.equal(await tabs.getByRole("link", { name: tab }).getAttribute("aria-current"), "page");
  }
  await shot("portail-delegation");

  // The access token is in memory only: a reload gets a new one from the refresh cookie.
  await page.reload();
  await checkPageBasics(page, { h1: "Délégation" });
  await banner.getByText(fullName).waitFor();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.doesNotMatch(stored, /eyJ/, "aucun jeton dans le stockage du navigateur");
  const cookies = await context.cookies();
  const refresh = cookies.find((cookie) => cookie.name === "__Secure-espace_refresh");
  assert.ok(refresh, "témoin __Secure-espace_refresh posé");
  assert.equal(refresh.httpOnly, true);
  assert.equal(refresh.secure, true);
  assert.equal(refresh.sameSite, "Strict");

  // Changement de mot de passe: wrong old password first
  await page.getByRole("link", { name: "Changement de mot de passe" }).click();
  await checkPageBasics(page, { h1: "Changement de mot de passe" });
  await page.getByText("* Ceci indique que le champ est obligatoire").waitFor();
  await checkA11y(page, "Changement de mot de passe");
  const current = field(page, "Ancien mot de passe");
  await current.fill("pas le bon mot de passe");
  await field(page, "Nouveau mot de passe").fill(newPassword);
  await field(page, "Confirmer le nouveau mot de passe").fill(newPassword);
  await page.getByRole("button", { name: "Soumettre" }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
  assert.equal(await current.getAttribute("aria-invalid"), "true");
  const describedBy = (await current.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  assert.ok(errorId, "l'erreur est liée au champ Ancien mot de passe");
  const fieldError = (await page.locator(`[id="${errorId}"]`).textContent()) ?? "";
  assert.match(fieldError, /mot de passe/i);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("autocomplete")), "current-password");
  assert.notEqual((await page.getByRole("alert").first().textContent())?.trim(), "");
  await shot("mot-de-passe-erreur");
  await checkA11y(page, "Changement de mot de passe (erreur)");

  await current.fill(firstPassword);
  await field(page, "Nouveau mot de passe").fill(newPassword);
  await field(page, "Confirmer le nouveau mot de passe").fill(newPassword);
  await page.getByRole("button", { name: "Soumettre" }).click();
  await page.getByRole("status").filter({ hasText: "Votre mot de passe a été changé." }).waitFor();
  await shot("mot-de-passe-change");

  // Quitter
  await page.getByRole("button", { name: "Quitter" }).click();
  await checkPageBasics(page, { h1: "Authentification" });
  await page.getByRole("status").filter({ hasText: "Vous avez quitté Mon espace client." }).waitFor();
  await shot("quitte");
  // The session is over on the server too: a reload does not bring it back.
  await page.goto("/cadastre");
  await checkPageBasics(page, { h1: "Authentification" });

  // The old password no longer works; the new one does.
  await login(page, username, firstPassword);
  await page.getByRole("alert").filter({ hasText: /\S/ }).waitFor();
  assert.match(page.url(), /\/connexion$/);
  await login(page, username, newPassword);
  await page.waitForURL(/\/cadastre$/);
  await banner.getByText(fullName).waitFor();
  await shot("reconnexion");
  await page.getByRole("button", { name: "Quitter" }).click();
  await checkPageBasics(page, { h1: "Authentification" });

  assert.deepEqual(problems, []);
  await context.close();
});

test("un mauvais mot de passe affiche le message d'erreur en français", async () => {
  const { page, shot, problems, context } = await newPage(browser, "refus");
  await page.goto("/connexion");
  await checkPageBasics(page, { h1: "Authentification" });
  await login(page, "jpiette", "ce n'est pas le mot de passe");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await alert.waitFor();
  const text = (await alert.textContent()) ?? "";
  assert.match(text, /mot de passe/i, `message en français attendu, reçu : ${text}`);
  assert.match(page.url(), /\/connexion$/);
  await shot("mauvais-mot-de-passe");
  await checkA11y(page, "Authentification (erreur)");

  // Required fields are checked before calling the API.
  await field(page, "Nom d'utilisateur").fill("");
  await field(page, "Mot de passe").fill("");
  await page.getByRole("button", { name: "Se connecter" }).click();
  assert.equal(await field(page, "Nom d'utilisateur").getAttribute("aria-invalid"), "true");
  await page.getByText("Ce champ est obligatoire.").first().waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});

test("un arpenteur-géomètre de démonstration se connecte", { skip: demoPassword === "" }, async () => {
  const { page, shot, problems, context } = await newPage(browser, "arpenteur");
  await page.goto("/cadastre");
  await checkPageBasics(page, { h1: "Authentification" });
  await login(page, "clavoie", demoPassword);
  // Back to the page asked for before login.
  await page.waitForURL(/\/cadastre$/);
  await page.locator(".service-banner").getByText("Claire Lavoie").waitFor();
  // A surveyor acts for themself: name and matricule shown under Cadastre (SPEC §4).
  await page.getByText("Claire Lavoie (5001)").waitFor();
  await shot("cadastre");
  await page.getByRole("button", { name: "Quitter" }).click();
  await checkPageBasics(page, { h1: "Authentification" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("pages publiques : route inconnue, récupération, langue anglaise", async () => {
  const { page, shot, problems, context } = await newPage(browser, "public");

  // Keyboard only: skip link first, then the form, submitted with Enter.
  await page.goto("/connexion");
  await checkPageBasics(page, { h1: "Authentification" });
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Passer au contenu");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "contenu");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("autocomplete")), "username");
  await page.keyboard.type("personne");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("type")), "password");
  await page.keyboard.type("un mot de passe quelconque");
  await page.keyboard.press("Enter");
  await page.getByRole("alert").filter({ hasText: /\S/ }).waitFor();
  await shot("clavier");

  await page.goto("/nulle-part");
  await checkPageBasics(page, { h1: "Page introuvable" });
  await shot("introuvable");

  await page.goto("/connexion");
  await page.getByRole("link", { name: "nom d'utilisateur" }).click();
  await checkPageBasics(page, { h1: "Nom d'utilisateur oublié" });
  await checkA11y(page, "Nom d'utilisateur oublié");
  await field(page, "Adresse courriel").fill(`personne-${uniqueSuffix()}@exemple.qc.ca`);
  await page.getByRole("button", { name: "Soumettre" }).click();
  await page.getByRole("status").filter({ hasText: /\S/ }).waitFor();
  await shot("nom-utilisateur-oublie");

  await page.goto("/connexion");
  await page.getByRole("link", { name: "mot de passe" }).click();
  await checkPageBasics(page, { h1: "Mot de passe oublié" });
  await checkA11y(page, "Mot de passe oublié");
  await field(page, "Nom d'utilisateur ou adresse courriel").fill(`personne-${uniqueSuffix()}`);
  await page.getByRole("button", { name: "Soumettre" }).click();
  await page.getByRole("status").filter({ hasText: /\S/ }).waitFor();
  await shot("mot-de-passe-oublie");

  // A reset link with a token that does not exist.
  await page.goto("/reinitialiser-mot-de-passe?jeton=inexistant");
  await checkPageBasics(page, { h1: "Réinitialisation du mot de passe" });
  await checkA11y(page, "Réinitialisation du mot de passe");
  await field(page, "Nouveau mot de passe").fill("un nouveau mot de passe solide");
  await field(page, "Confirmer le nouveau mot de passe").fill("un nouveau mot de passe solide");
  await page.getByRole("button", { name: "Soumettre" }).click();
  await page.getByRole("alert").filter({ hasText: /\S/ }).waitFor();
  await shot("reinitialisation-jeton-invalide");

  // English
  await page.goto("/connexion");
  await page.getByRole("button", { name: "Display in English" }).click();
  await checkPageBasics(page, { h1: "Authentication", lang: "en-CA" });
  await field(page, "Username").waitFor();
  await shot("authentication-en");
  await checkA11y(page, "Authentication (en-CA)");
  await page.getByRole("button", { name: "Afficher en français" }).click();
  await checkPageBasics(page, { h1: "Authentification" });

  assert.deepEqual(problems, []);
  await context.close();
});
