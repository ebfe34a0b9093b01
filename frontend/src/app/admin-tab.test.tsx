import { render, screen, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { session } from "@/lib/api/client";
import type { Me } from "@/lib/auth/me";
import { callsTo, json, mockApi } from "@/test/api-mock";
import { AppProviders, createQueryClient } from "./providers";
import { routes } from "./router";

const base: Me = {
  id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f0a01",
  username: "clavoie",
  email: "claire.lavoie@exemple.qc.ca",
  firstName: "Claire",
  lastName: "Lavoie",
  surveyor: null,
  actingFor: null,
  mustSelectDelegant: false,
  isAdmin: false,
  passwordChangedAt: "2026-11-27T10:00:00Z",
};

function renderAt(me: Me, path: string) {
  const fetch = mockApi({
    "GET /api/v1/me": () => json(me),
    "GET /api/v1/admin/surveyors": () => json([]),
  });
  session.signIn({ accessToken: "jeton", tokenType: "Bearer", expiresIn: 600 });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProviders queryClient={createQueryClient()} locale="fr-CA">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return fetch;
}

describe("Administration tab (SPEC §15)", { timeout: 30_000 }, () => {
  afterEach(() => {
    session.signOut("initial");
  });

  it("is shown to an administrator and opens the console", async () => {
    renderAt({ ...base, username: "admin", isAdmin: true }, "/administration");
    expect(await screen.findByRole("heading", { level: 1, name: "Arpenteurs-géomètres" })).toBeInTheDocument();
    const tabs = screen.getByRole("navigation", { name: "Services de Mon espace client" });
    expect(within(tabs).getByRole("link", { name: "Administration" })).toHaveAttribute("aria-current", "page");
    const sub = screen.getByRole("navigation", { name: "Administration" });
    expect(
      within(sub)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual([
      "Arpenteurs-géomètres",
      "Ouverture d'un dossier",
      "Message sur un dossier",
      "Communiqués",
      "Journal d'administration",
    ]);
  });

  it("is neither shown nor reachable for a user who is not an administrator", async () => {
    const fetch = renderAt(base, "/administration/dossiers");
    expect(await screen.findByRole("heading", { level: 1, name: "Administration" })).toBeInTheDocument();
    expect(
      screen.getByText("L'onglet Administration est réservé aux administrateurs du ministère."),
    ).toBeInTheDocument();
    const tabs = screen.getByRole("navigation", { name: "Services de Mon espace client" });
    expect(within(tabs).queryByRole("link", { name: "Administration" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Ouvrir le dossier" })).not.toBeInTheDocument();
    expect(callsTo(fetch, "GET", "/api/v1/admin/surveyors")).toHaveLength(0);
  });
});
