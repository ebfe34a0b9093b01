// Jetons d'intégration (SPEC §14): create, copy the secret once, use it, revoke it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { apiCall, checkA11y, checkPageBasics, field, launch, login, newPage, uniqueSuffix } from "../support.mjs";

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test("un utilisateur crée un jeton d'intégration, le copie, l'utilise puis le révoque", async () => {
  const { page, shot, problems, context } = await newPage(browser, "jetons");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const suffix = uniqueSuffix();
  const username = `e2e.jeton.${suffix}`;
  const password = "cerises rouges du verger de Rougemont";
  await apiCall(null, "POST", "/api/v1/accounts", {
    username,
    email: `${username}@exemple.qc.ca`,
    firstName: "Gabrielle",
    lastName: `Roy-${suffix}`,
    password,
  });

  await page.goto("/connexion");
  await login(page, username, password);
  await page.waitForURL(/\/cadastre$/);
  await page.getByRole("link", { name: "Jetons d'intégration" }).click();
  await checkPageBasics(page, { h1: "Jetons d'intégration" });
  await page.getByRole("table", { name: "Vos jetons d'intégration" }).getByText("Aucun jeton d'intégration").waitFor();
  await checkA11y(page, "Jetons d'intégration");

  await field(page, "Nom du jeton").fill("Logiciel du bureau");
  await page.getByRole("button", { name: "Créer le jeton" }).click();
  await page.getByRole("heading", { level: 2, name: "Votre nouveau jeton : Logiciel du bureau" }).waitFor();
  const secret = await field(page, "Jeton").inputValue();
  assert.match(secret, /^mec_/);
  await shot("secret");
  await checkA11y(page, "Jetons d'intégration (nouveau jeton)");
  await page.getByRole("button", { name: "Copier le jeton" }).click();
  await page.getByText("Le jeton a été copié dans le presse-papiers.").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await page.getByRole("button", { name: "J'ai copié le jeton" }).click();
  assert.equal(await page.getByText(secret).count(), 0);

  // The office software exchanges it and acts with it.
  const exchanged = await apiCall(null, "POST", "/api/v1/auth/token", { apiToken: secret });
  assert.equal(exchanged.refreshToken, undefined);
  const me = await apiCall(exchanged.accessToken, "GET", "/api/v1/me");
  assert.equal(me.username, username);

  await page.reload();
  const row = page.getByRole("row", { name: /Logiciel du bureau/ });
  await row.waitFor();
  assert.equal(await row.getByText("Jamais").count(), 0, "dernière utilisation affichée");

  await row.getByRole("button", { name: "Révoquer le jeton Logiciel du bureau" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Révoquer un jeton d'intégration" });
  await dialog.waitFor();
  await shot("revocation");
  await checkA11y(page, "Révoquer un jeton d'intégration");
  await dialog.getByRole("button", { name: "Révoquer" }).click();
  await page.getByText("Le jeton « Logiciel du bureau » a été révoqué.").waitFor();
  await page.getByText("Aucun jeton d'intégration").waitFor();
  await apiCall(exchanged.accessToken, "GET", "/api/v1/me", undefined, [401]);
  await apiCall(null, "POST", "/api/v1/auth/token", { apiToken: secret }, [401]);

  assert.deepEqual(problems, []);
});
