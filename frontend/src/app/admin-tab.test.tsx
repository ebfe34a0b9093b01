import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Me } from "@/lib/auth/me";
import { callsTo, json } from "@/test/api-mock";
import { routes } from "./router";
import { meOf } from "@/test/fixtures";
import { renderSignedIn } from "@/test/render";
import { signOutAfterEachTest } from "@/test/session";

const base: Me = meOf({
  id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f0a01",
  username: "clavoie",
  email: "claire.lavoie@exemple.qc.ca",
  firstName: "Claire",
  lastName: "Lavoie",
});

function renderAt(me: Me, path: string) {
  return renderSignedIn(me, { "GET /api/v1/admin/surveyors": () => json([]) }, { routes, path }).fetch;
}

describe("Administration tab (SPEC §15)", { timeout: 30_000 }, () => {
  signOutAfterEachTest();

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
