import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, mockApi, problem } from "@/test/api-mock";
import { delegantsOfEdith, edith, ids, marie } from "../test/api-mock";
import { renderDelegation } from "../test/render";
import { signedInForEachTest } from "@/test/session";

function subTabs() {
  return screen.getByRole("navigation", { name: "Délégation" });
}

describe("Délégation tab", { timeout: 20_000 }, () => {
  signedInForEachTest();

  it("opens Gestion des délégataires for a surveyor acting for themself, with the three sub-tabs", async () => {
    mockApi({ "GET /api/v1/me": () => json(marie), "GET /api/v1/delegates": () => json([]) });
    const { router } = renderDelegation("/delegation");
    expect(await screen.findByRole("heading", { level: 1, name: "Gestion des délégataires" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/delegation/gestion-des-delegataires");
    expect(subTabs()).toHaveTextContent("Gestion des délégatairesSélection d'un délégantSuivi des activités");
    expect(screen.getByRole("link", { name: "Gestion des délégataires" })).toHaveAttribute("aria-current", "page");
  });

  it("hides Gestion des délégataires from a surveyor acting for another surveyor", async () => {
    const jean = { userId: ids.jean, matricule: "5003", firstName: "Jean", lastName: "Piette" };
    mockApi({
      "GET /api/v1/me": () => json({ ...marie, actingFor: jean }),
      "GET /api/v1/delegants": () => json([]),
    });
    const { router } = renderDelegation("/delegation");
    expect(await screen.findByRole("heading", { level: 1, name: "Sélection d'un délégant" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/delegation/selection-d-un-delegant");
    expect(subTabs()).toHaveTextContent("Sélection d'un délégantSuivi des activités");
    expect(screen.queryByRole("link", { name: "Gestion des délégataires" })).not.toBeInTheDocument();
  });

  it("tells a surveyor acting for someone else how to manage their délégataires", async () => {
    const jean = { userId: ids.jean, matricule: "5003", firstName: "Jean", lastName: "Piette" };
    const fetch = mockApi({ "GET /api/v1/me": () => json({ ...marie, actingFor: jean }) });
    renderDelegation("/delegation/gestion-des-delegataires");
    expect(await screen.findByText(/réservée à l'arpenteur-géomètre agissant en son propre nom/)).toBeInTheDocument();
    expect(fetch.mock.calls.some(([request]) => request.url.includes("/api/v1/delegates"))).toBe(false);
  });

  it("opens Sélection d'un délégant for a délégataire, without Gestion des délégataires", async () => {
    mockApi({ "GET /api/v1/me": () => json(edith), "GET /api/v1/delegants": () => json(delegantsOfEdith) });
    const { router } = renderDelegation("/delegation");
    expect(await screen.findByRole("heading", { level: 1, name: "Sélection d'un délégant" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/delegation/selection-d-un-delegant");
    expect(subTabs()).toHaveTextContent("Sélection d'un délégantSuivi des activités");
  });

  it("sends a délégataire away from Gestion des délégataires", async () => {
    mockApi({ "GET /api/v1/me": () => json(edith), "GET /api/v1/delegants": () => json(delegantsOfEdith) });
    const { router } = renderDelegation("/delegation/gestion-des-delegataires");
    await waitFor(() => expect(router.state.location.pathname).toBe("/delegation/selection-d-un-delegant"));
  });

  it("gives a user nobody delegated to the guide's message and only Suivi des activités", async () => {
    mockApi({
      "GET /api/v1/me": () => json({ ...edith, mustSelectDelegant: false }),
      "GET /api/v1/delegants": () => json([]),
    });
    const { router } = renderDelegation("/delegation");
    expect(await screen.findByRole("heading", { level: 1, name: "Délégation" })).toBeInTheDocument();
    expect(
      await screen.findByText(
        /Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire/,
      ),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/delegation");
    await waitFor(() => expect(subTabs()).toHaveTextContent(/^Suivi des activités$/));

    // Sélection d'un délégant, reached by its address, says the same.
    await router.navigate("/delegation/selection-d-un-delegant");
    await screen.findByRole("heading", { level: 1, name: "Sélection d'un délégant" });
    expect(
      await screen.findByText(
        /Pour accéder au site, un arpenteur-géomètre doit d'abord vous désigner comme délégataire/,
      ),
    ).toBeInTheDocument();
  });

  it("shows Sélection d'un délégant to a délégataire whose current delegation ended", async () => {
    mockApi({
      "GET /api/v1/me": () => json({ ...edith, mustSelectDelegant: false, delegationEnded: true }),
      "GET /api/v1/delegants": () => json(delegantsOfEdith.slice(0, 1)),
    });
    const { router } = renderDelegation("/delegation");
    expect(await screen.findByRole("heading", { level: 1, name: "Sélection d'un délégant" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/delegation/selection-d-un-delegant");
    expect((await screen.findByText(/n'est plus en vigueur/)).closest("[role=alert]")).not.toBeNull();
  });

  it("sends the user to Sélection d'un délégant when a call is refused with delegation_not_active", async () => {
    mockApi({
      "GET /api/v1/me": [
        () =>
          json({
            ...edith,
            mustSelectDelegant: false,
            actingFor: marie.actingFor,
          }),
        () => json({ ...edith, mustSelectDelegant: false, delegationEnded: true }),
      ],
      "GET /api/v1/delegants": () => json(delegantsOfEdith.slice(0, 2)),
      "GET /api/v1/delegates": () =>
        problem(403, {
          code: "delegation_not_active",
          title: "La délégation de cet arpenteur-géomètre n'est plus en vigueur.",
        }),
    });
    const { router, queryClient } = renderDelegation("/delegation/suivi-des-activites");
    await screen.findByRole("heading", { level: 1, name: "Suivi des activités" });
    // Any query of the application refused that way (here one run by hand) has the same effect.
    await queryClient
      .fetchQuery({
        queryKey: ["quelconque"],
        queryFn: async () => {
          const { listDelegates } = await import("../api/list-delegates");
          return listDelegates();
        },
        retry: false,
      })
      .catch(() => undefined);
    await waitFor(() => expect(router.state.location.pathname).toBe("/delegation/selection-d-un-delegant"));
    const message = await screen.findByText(
      "La délégation de l'arpenteur-géomètre pour qui vous agissiez n'est plus en vigueur. Sélectionnez un autre délégant.",
    );
    expect(message.closest("[role=alert]")).not.toBeNull();
  });

  it("sends the user to Sélection d'un délégant once when /me shows the delegation ended (after a reload)", async () => {
    mockApi({
      "GET /api/v1/me": () => json({ ...edith, mustSelectDelegant: false, delegationEnded: true }),
      "GET /api/v1/delegants": () => json(delegantsOfEdith.slice(0, 2)),
    });
    const { router } = renderDelegation("/cadastre");
    await waitFor(() => expect(router.state.location.pathname).toBe("/delegation/selection-d-un-delegant"));
    expect(await screen.findByText(/n'est plus en vigueur/)).toBeInTheDocument();
    // Not again: the user may go elsewhere.
    await router.navigate("/delegation/suivi-des-activites");
    expect(await screen.findByRole("heading", { level: 1, name: "Suivi des activités" })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(router.state.location.pathname).toBe("/delegation/suivi-des-activites");
  });

  it("does not send a user nobody delegated to anywhere", async () => {
    mockApi({
      "GET /api/v1/me": () => json({ ...edith, mustSelectDelegant: false }),
      "GET /api/v1/delegants": () => json([]),
    });
    const { router } = renderDelegation("/cadastre");
    expect(await screen.findByRole("heading", { level: 1, name: "Cadastre" })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(router.state.location.pathname).toBe("/cadastre");
  });
});
