import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsTo } from "@/test/api-mock";
import { pierre, renderSignedIn } from "../test/api";
import { cadastreRoutes } from "./routes";
import { signOutAfterEachTest } from "@/test/session";

const noDelegation =
  "Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire pour agir en son nom.";

describe("Cadastre tab", () => {
  signOutAfterEachTest();

  it("shows the guide's message instead of the services to a user with no délégant", async () => {
    const { fetch } = renderSignedIn(
      { ...pierre, actingFor: null },
      {},
      { element: cadastreRoutes.element, path: "/cadastre" },
    );
    expect(await screen.findByText(new RegExp(`^${noDelegation}`))).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Cadastre" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Services du cadastre" })).not.toBeInTheDocument();
    expect(callsTo(fetch, "GET", "/api/v1/dossiers")).toHaveLength(0);
  });

  it("sends a délégataire who has not chosen yet to Sélection d'un délégant", async () => {
    renderSignedIn(
      { ...pierre, actingFor: null, mustSelectDelegant: true },
      {},
      { element: cadastreRoutes.element, path: "/cadastre" },
    );
    expect(await screen.findByRole("link", { name: "Sélection d'un délégant" })).toHaveAttribute(
      "href",
      "/delegation/selection-d-un-delegant",
    );
  });

  it("offers the sub-services to whoever acts for a surveyor", async () => {
    renderSignedIn(pierre, {}, { element: cadastreRoutes.element, path: "/cadastre" });
    const nav = await screen.findByRole("navigation", { name: "Services du cadastre" });
    expect(nav).toHaveTextContent(
      "Suivi des dossiersRéservation de lotVérification de la correction de lotsCommande de produitPrévalidationDépôtCommuniqués",
    );
  });

  it("shows a délégataire only the services granted (§11)", async () => {
    const lotsOnly = {
      ...pierre,
      actingFor: { ...pierre.actingFor!, services: ["lot_reservation" as const], endsOn: "2027-03-31" },
    };
    const { fetch, router } = renderSignedIn(lotsOnly, {}, { element: cadastreRoutes.element, path: "/cadastre" });
    const nav = await screen.findByRole("navigation", { name: "Services du cadastre" });
    expect(nav).toHaveTextContent(/^Réservation de lotDépôtCommuniqués$/);
    // The tab's index (Suivi des dossiers) is not granted: the first granted service instead.
    expect(router.state.location.pathname).toBe("/cadastre/reservation-de-lot");
    expect(callsTo(fetch, "GET", "/api/v1/dossiers")).toHaveLength(0);
  });

  it("says so on a service not granted, without calling it", async () => {
    const lotsOnly = {
      ...pierre,
      actingFor: { ...pierre.actingFor!, services: ["lot_reservation" as const], endsOn: null },
    };
    const { fetch } = renderSignedIn(
      lotsOnly,
      {},
      { element: cadastreRoutes.element, path: "/cadastre/commande-de-produit" },
    );
    expect(await screen.findByText(/ne vous a pas délégué ce service/)).toBeInTheDocument();
    expect(callsTo(fetch, "GET", "/api/v1/product-orders")).toHaveLength(0);
  });
});
