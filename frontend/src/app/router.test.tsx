import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { session } from "@/lib/api/client";
import { routes } from "./router";
import type { Me } from "@/lib/auth/me";
import { meOf } from "@/test/fixtures";
import { renderRoutes } from "@/test/render";
import { signOutAfterEachTest, testTokens } from "@/test/session";

function renderAt(path: string) {
  return renderRoutes(routes, { path }).router;
}

const me: Me = meOf({
  id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f0a01",
  username: "clavoie",
  email: "claire.lavoie@exemple.qc.ca",
  firstName: "Claire",
  lastName: "Lavoie",
  matricule: "5001",
});

describe("routes", () => {
  signOutAfterEachTest();

  it("sends an anonymous visitor of a portal page to Authentification", async () => {
    session.signOut("initial");
    const router = renderAt("/cadastre");
    expect(await screen.findByRole("heading", { level: 1, name: "Authentification" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/connexion");
    expect(document.title).toBe("Authentification — Mon espace client");
  });

  it("shows a French page introuvable for an unknown path", async () => {
    session.signOut("initial");
    renderAt("/nimporte-quoi");
    expect(await screen.findByRole("heading", { level: 1, name: "Page introuvable" })).toBeInTheDocument();
  });

  it("opens the portal frame with the user's name, the tabs and the surveyor acted for", async () => {
    // /me answers the user; the Cadastre page's own lists answer empty pages.
    const emptyPage = { items: [], page: 1, pageSize: 10, totalItems: 0, totalPages: 0 };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        const body = new URL(request.url).pathname.endsWith("/me") ? me : emptyPage;
        return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
      }),
    );
    session.signIn(testTokens);
    const router = renderAt("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Cadastre" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/cadastre");
    expect(screen.getByText("Claire Lavoie", { selector: ".user-name" })).toBeInTheDocument();
    expect(screen.getByText("Claire Lavoie (5001)")).toBeInTheDocument();
    const tabs = screen.getByRole("navigation", { name: "Services de Mon espace client" });
    expect(tabs).toHaveTextContent("CadastreArpentageDélégation");
    expect(screen.getByRole("link", { name: "Cadastre" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("button", { name: "Quitter" })).toBeInTheDocument();
  });

  it("opens Délégation ▸ Sélection d'un délégant first for a délégataire who must pick a délégant", async () => {
    const edith = { ...me, username: "edescartes", firstName: "Édith", lastName: "Descartes", surveyor: null };
    const delegants = [
      { userId: me.id, matricule: "5001", firstName: "Claire", lastName: "Lavoie", since: null, self: false },
      {
        userId: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f0a03",
        matricule: "5003",
        firstName: "Jean",
        lastName: "Piette",
        since: null,
        self: false,
      },
    ];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        const body = new URL(request.url).pathname.endsWith("/delegants")
          ? delegants
          : { ...edith, actingFor: null, mustSelectDelegant: true };
        return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
      }),
    );
    session.signIn(testTokens);
    const router = renderAt("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Sélection d'un délégant" })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe("/delegation/selection-d-un-delegant"));
    expect(await screen.findByRole("radio", { name: "Jean Piette 5003" })).not.toBeChecked();
    expect(screen.getByRole("link", { name: "Délégation" })).toHaveAttribute("aria-current", "page");
  });
});
