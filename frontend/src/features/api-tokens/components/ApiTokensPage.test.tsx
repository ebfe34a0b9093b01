import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, mockApi, problem } from "@/test/api-mock";
import { renderWithApp } from "@/test/render";
import { quebecDay } from "@/lib/dates";
import { ApiTokensPage } from "./ApiTokensPage";
import { signedInForEachTest } from "@/test/session";

const secret = "mec_3q2+7Jb0ZkS5yXwA9rT1uV4nL8pQ6mC2dF0hG5jK7";
const used = {
  id: "7d1f4e0a-9a59-4b55-9c1e-2f6b9d0c1a11",
  name: "Logiciel du bureau de Lévis",
  createdAt: "2026-11-02T14:05:00Z",
  expiresOn: "2027-06-30",
  lastUsedAt: "2026-11-29T15:20:00Z",
};

describe("Jetons d'intégration", { timeout: 20_000 }, () => {
  signedInForEachTest();

  it("creates a token and shows its secret once, with a warning and a copy button", async () => {
    const expiresOn = quebecDay(new Date(), { days: 30 });
    const fresh = {
      id: "0b7c",
      name: "Poste de Rimouski",
      createdAt: "2026-11-29T15:00:00Z",
      expiresOn,
      lastUsedAt: null,
    };
    const fetch = mockApi({
      "GET /api/v1/me/api-tokens": [() => json([]), () => json([fresh])],
      "POST /api/v1/me/api-tokens": () => json({ ...fresh, token: secret }, 201),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ApiTokensPage />);

    expect(await screen.findByRole("heading", { level: 1, name: "Jetons d'intégration" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Vos jetons d'intégration" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Nom", "Créé le", "Échéance", "Dernière utilisation", "Action"]);
    expect(within(table).getByText("Aucun jeton d'intégration")).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Nom du jeton/), "Poste de Rimouski");
    const date = screen.getByLabelText(/^Date d'échéance/);
    expect(date).toHaveAttribute("min", quebecDay(new Date()));
    expect(date).toHaveAttribute("max", quebecDay(new Date(), { months: 12 }));
    await user.clear(date);
    await user.type(date, expiresOn);
    await user.click(screen.getByRole("button", { name: "Créer le jeton" }));

    const heading = await screen.findByRole("heading", { level: 2, name: "Votre nouveau jeton : Poste de Rimouski" });
    await waitFor(() => expect(heading).toHaveFocus());
    const [post] = callsTo(fetch, "POST", "/api/v1/me/api-tokens");
    expect(await post?.json()).toEqual({ name: "Poste de Rimouski", expiresOn });
    expect(screen.getByText(/il ne sera plus jamais affiché/)).toBeInTheDocument();
    const field = screen.getByLabelText("Jeton");
    expect(field).toHaveValue(secret);
    expect(field).toHaveAttribute("readonly");
    expect(field).toHaveAccessibleDescription(/il ne sera plus jamais affiché/);

    await user.click(screen.getByRole("button", { name: "Copier le jeton" }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(await screen.findByText("Le jeton a été copié dans le presse-papiers.")).toBeInTheDocument();

    // Once dismissed, the secret is nowhere in the page.
    await user.click(screen.getByRole("button", { name: "J'ai copié le jeton" }));
    expect(screen.queryByDisplayValue(secret)).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(secret);
    const row = await within(table).findByRole("row", { name: /Poste de Rimouski/ });
    expect(within(row).getByText("Jamais")).toBeInTheDocument();
    expect(within(row).getByText(expiresOn)).toBeInTheDocument();
  });

  it("revokes a token after confirmation", async () => {
    const fetch = mockApi({
      "GET /api/v1/me/api-tokens": [() => json([used]), () => json([])],
      [`DELETE /api/v1/me/api-tokens/${used.id}`]: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ApiTokensPage />);

    const row = await screen.findByRole("row", { name: /Logiciel du bureau de Lévis/ });
    expect(within(row).getByText("2026-11-02")).toBeInTheDocument();
    expect(within(row).getByText("2026-11-29 10:20")).toBeInTheDocument();
    await user.click(within(row).getByRole("button", { name: "Révoquer le jeton Logiciel du bureau de Lévis" }));

    const dialog = screen.getByRole("alertdialog", { name: "Révoquer un jeton d'intégration" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveAccessibleDescription(
      /Voulez-vous vraiment révoquer le jeton « Logiciel du bureau de Lévis »/,
    );
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveFocus();
    // Cancelling changes nothing.
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(callsTo(fetch, "DELETE", `/api/v1/me/api-tokens/${used.id}`)).toHaveLength(0);

    await user.click(within(row).getByRole("button", { name: "Révoquer le jeton Logiciel du bureau de Lévis" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Révoquer" }));
    expect(await screen.findByText("Le jeton « Logiciel du bureau de Lévis » a été révoqué.")).toBeInTheDocument();
    expect(callsTo(fetch, "DELETE", `/api/v1/me/api-tokens/${used.id}`)).toHaveLength(1);
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(await screen.findByText("Aucun jeton d'intégration")).toBeInTheDocument();
    expect(screen.getByRole("table")).toHaveFocus();
  });

  it("checks the fields, then shows the server's field errors beside them", async () => {
    const fetch = mockApi({
      "GET /api/v1/me/api-tokens": () => json([]),
      "POST /api/v1/me/api-tokens": () =>
        problem(400, {
          code: "validation_failed",
          title: "Les données soumises sont invalides.",
          errors: [{ pointer: "/name", detail: "Le nom ne peut contenir de caractère de contrôle." }],
        }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ApiTokensPage />);
    await screen.findByRole("table");

    const date = screen.getByLabelText(/^Date d'échéance/);
    await user.clear(date);
    await user.click(screen.getByRole("button", { name: "Créer le jeton" }));
    const name = screen.getByLabelText(/^Nom du jeton/);
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(date).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveFocus();
    expect(callsTo(fetch, "POST", "/api/v1/me/api-tokens")).toHaveLength(0);

    await user.type(name, "Poste");
    await user.type(date, quebecDay(new Date(), { months: 13 }));
    await user.click(screen.getByRole("button", { name: "Créer le jeton" }));
    expect(date).toHaveAccessibleDescription(/Choisissez une date entre le/);
    expect(callsTo(fetch, "POST", "/api/v1/me/api-tokens")).toHaveLength(0);

    await user.clear(date);
    await user.type(date, quebecDay(new Date(), { days: 1 }));
    await user.click(screen.getByRole("button", { name: "Créer le jeton" }));
    await waitFor(() => expect(name).toHaveAccessibleDescription(/caractère de contrôle/));
  });

  it("speaks English", async () => {
    mockApi({ "GET /api/v1/me/api-tokens": () => json([used]) });
    renderWithApp(<ApiTokensPage />, { locale: "en-CA" });
    expect(await screen.findByRole("heading", { level: 1, name: "API tokens" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Your API tokens" });
    expect(
      within(table).getByRole("button", { name: "Revoke the token Logiciel du bureau de Lévis" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create the token" })).toBeInTheDocument();
  });
});
