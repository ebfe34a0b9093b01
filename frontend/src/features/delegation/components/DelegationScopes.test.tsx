import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, mockApi, problem } from "@/test/api-mock";
import { quebecDay } from "@/lib/dates";
import { allServices } from "@/test/fixtures";
import { edithCandidate, edithDelegate, ids, marie } from "../test/api-mock";
import { renderDelegation } from "../test/render";
import { signedInForEachTest } from "@/test/session";

const path = "/delegation/gestion-des-delegataires";

/** A date a few months ahead, within the three years the API accepts. */
function later(months: number): string {
  const [y, m] = quebecDay().split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 15));
  return date.toISOString().slice(0, 10);
}

describe("Délégations limitées et datées (§11, §12)", { timeout: 30_000 }, () => {
  signedInForEachTest();

  it("grants the chosen services until a date, after confirming the password", async () => {
    const ends = later(3);
    const scoped = { ...edithDelegate, services: ["lot_reservation"], endsOn: ends };
    const fetch = mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": [() => json([]), () => json([scoped])],
      "GET /api/v1/delegate-candidates": () => json([edithCandidate]),
      "POST /api/v1/delegates": [
        () => problem(403, { code: "reauthentication_required", title: "Confirmez votre identité." }),
        () => json(scoped, 201),
      ],
      "POST /api/v1/auth/reauthentication": [
        () =>
          problem(400, {
            code: "validation_failed",
            title: "Données invalides.",
            errors: [{ pointer: "/password", detail: "Le mot de passe est incorrect." }],
          }),
        () => new Response(null, { status: 204 }),
      ],
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);

    await user.click(await screen.findByRole("button", { name: "Ajouter délégataire" }));
    const dialog = screen.getByRole("dialog", { name: "Ajouter délégataire" });
    await user.type(within(dialog).getByLabelText("Nom d'utilisateur du délégataire *"), "edescartes");
    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    const services = await within(dialog).findByRole("group", { name: /Services délégués/ });
    const boxes = within(services).getAllByRole("checkbox");
    expect(boxes).toHaveLength(6);
    for (const box of boxes) expect(box).toBeChecked();
    expect(within(services).queryByRole("checkbox", { name: /Dépôt/ })).not.toBeInTheDocument();

    // None: refused on the client, nothing sent.
    for (const box of boxes) await user.click(box);
    await user.click(within(dialog).getByRole("button", { name: "Confirmer délégataire" }));
    expect(within(services).getByText("Choisissez au moins un service.")).toBeInTheDocument();
    expect(callsTo(fetch, "POST", "/api/v1/delegates")).toHaveLength(0);

    await user.click(within(services).getByRole("checkbox", { name: "Réservation de lot" }));
    const date = within(dialog).getByLabelText("Date de fin (facultatif)");
    await user.type(date, ends);
    await user.click(within(dialog).getByRole("button", { name: "Confirmer délégataire" }));

    // §12: the password, then the same addition again.
    const reauth = await screen.findByRole("dialog", { name: "Confirmez votre identité" });
    await user.type(within(reauth).getByLabelText("Mot de passe *"), "pas le bon");
    await user.click(within(reauth).getByRole("button", { name: "Confirmer" }));
    expect(await within(reauth).findByText("Le mot de passe est incorrect.")).toBeInTheDocument();
    const password = within(reauth).getByLabelText("Mot de passe *");
    await user.clear(password);
    await user.type(password, "Cadastre-Demo-2020");
    await user.click(within(reauth).getByRole("button", { name: "Confirmer" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const row = await screen.findByRole("row", { name: /Édith Descartes/ });
    expect(row).toHaveTextContent("Réservation de lot");
    expect(row).toHaveTextContent(ends);

    const posts = callsTo(fetch, "POST", "/api/v1/delegates");
    expect(posts).toHaveLength(2);
    for (const post of posts) {
      expect(await post.json()).toEqual({ userId: ids.edith, services: ["lot_reservation"], endsOn: ends });
    }
    const reauths = callsTo(fetch, "POST", "/api/v1/auth/reauthentication");
    expect(await reauths[1]?.json()).toEqual({ password: "Cadastre-Demo-2020" });
  });

  it("« Modifier » widens the services after the password and removes the end date", async () => {
    const scoped = { ...edithDelegate, services: ["lot_reservation"], endsOn: later(2) };
    const widened = { ...edithDelegate, services: [...allServices], endsOn: null };
    const fetch = mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": [() => json([scoped]), () => json([widened])],
      [`PATCH /api/v1/delegates/${ids.edith}`]: [
        () => problem(403, { code: "reauthentication_required", title: "Confirmez votre identité." }),
        () => json(widened),
      ],
      "POST /api/v1/auth/reauthentication": () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);

    const row = await screen.findByRole("row", { name: /Édith Descartes/ });
    expect(row).toHaveTextContent("Réservation de lot");
    await user.click(within(row).getByRole("button", { name: "Modifier la délégation de Édith Descartes" }));
    const dialog = screen.getByRole("dialog", { name: "Modifier la délégation de Édith Descartes" });
    const services = within(dialog).getByRole("group", { name: /Services délégués/ });
    expect(within(services).getByRole("checkbox", { name: "Réservation de lot" })).toBeChecked();
    expect(within(services).getByRole("checkbox", { name: "Commande de produits cadastraux" })).not.toBeChecked();
    for (const box of within(services).getAllByRole("checkbox"))
      if (!(box as HTMLInputElement).checked) await user.click(box);
    await user.clear(within(dialog).getByLabelText("Date de fin (facultatif)"));
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));

    const reauth = await screen.findByRole("dialog", { name: "Confirmez votre identité" });
    await user.type(within(reauth).getByLabelText("Mot de passe *"), "Cadastre-Demo-2020");
    await user.click(within(reauth).getByRole("button", { name: "Confirmer" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByRole("row", { name: /Tous les services/ })).toHaveTextContent("Aucune");
    expect(screen.getByRole("status")).toHaveTextContent("La délégation de Édith Descartes a été modifiée.");

    const patches = callsTo(fetch, "PATCH", `/api/v1/delegates/${ids.edith}`);
    expect(patches).toHaveLength(2);
    expect(await patches[1]?.json()).toEqual({ services: [...allServices], endsOn: null });
  });
});
