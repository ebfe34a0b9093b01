import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, mockApi, problem } from "@/test/api-mock";
import { allServices } from "@/test/fixtures";
import { edithCandidate, edithDelegate, ids, marie } from "../test/api-mock";
import { renderDelegation } from "../test/render";
import { signedInForEachTest } from "@/test/session";

const path = "/delegation/gestion-des-delegataires";

describe("Gestion des délégataires", { timeout: 20_000 }, () => {
  signedInForEachTest();

  it("shows the empty table, searches a délégataire by username and confirms it", async () => {
    const fetch = mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": [() => json([]), () => json([edithDelegate])],
      "GET /api/v1/delegate-candidates": (request) =>
        json(new URL(request.url).searchParams.get("username") === "edescartes" ? [edithCandidate] : []),
      "POST /api/v1/delegates": () => json(edithDelegate, 201),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);

    expect(await screen.findByRole("heading", { level: 1, name: "Gestion des délégataires" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Vos délégataires" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Délégataire", "Adresse courriel", "Depuis", "Services", "Date de fin", "Action"]);
    expect(within(table).getByText("Aucun délégataire à afficher")).toBeInTheDocument();

    const add = screen.getByRole("button", { name: "Ajouter délégataire" });
    await user.click(add);
    const dialog = screen.getByRole("dialog", { name: "Ajouter délégataire" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(within(dialog).getByRole("radio", { name: "Nom d'utilisateur" })).toBeChecked();
    expect(within(dialog).getByRole("radio", { name: "Adresse courriel" })).not.toBeChecked();
    expect(within(dialog).getByRole("button", { name: "Confirmer délégataire" })).toBeDisabled();
    expect(dialog).toContainElement(document.activeElement instanceof HTMLElement ? document.activeElement : null);

    // Nobody under that name: said plainly.
    await user.type(within(dialog).getByLabelText("Nom d'utilisateur du délégataire *"), "personne");
    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    expect(await within(dialog).findByText(/Aucun utilisateur ne correspond/)).toBeInTheDocument();

    const field = within(dialog).getByLabelText("Nom d'utilisateur du délégataire *");
    await user.clear(field);
    await user.type(field, "edescartes");
    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    const result = within(dialog).getByRole("region", { name: "Résultat de la recherche" });
    await waitFor(() => expect(result).toHaveTextContent("Descartes"));
    expect(result).toHaveTextContent("NomDescartes");
    expect(result).toHaveTextContent("PrénomÉdith");
    expect(result).toHaveTextContent("Nom d'utilisateuredescartes");
    expect(result).toHaveTextContent("Adresse courrieledith.descartes@exemple.qc.ca");

    await user.click(within(dialog).getByRole("button", { name: "Confirmer délégataire" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByRole("rowheader", { name: "Édith Descartes" })).toBeInTheDocument();
    expect(screen.getByRole("row", { name: /Édith Descartes/ })).toHaveTextContent("2020-10-14");
    expect(screen.getByRole("status")).toHaveTextContent("Édith Descartes est maintenant votre délégataire.");
    expect(add).toHaveFocus();

    const post = callsTo(fetch, "POST", "/api/v1/delegates")[0];
    expect(await post?.json()).toEqual({ userId: ids.edith, services: [...allServices] });
    const searches = callsTo(fetch, "GET", "/api/v1/delegate-candidates").map((r) => new URL(r.url).search);
    expect(searches).toEqual(["?username=personne", "?username=edescartes"]);
  });

  it("searches by e-mail address and reports a délégataire already registered (409)", async () => {
    const fetch = mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": () => json([edithDelegate]),
      "GET /api/v1/delegate-candidates": () => json([edithCandidate]),
      "POST /api/v1/delegates": () =>
        problem(409, { code: "conflict", title: "Cette personne est déjà votre délégataire." }),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);
    await user.click(await screen.findByRole("button", { name: "Ajouter délégataire" }));
    const dialog = screen.getByRole("dialog", { name: "Ajouter délégataire" });
    await user.click(within(dialog).getByRole("radio", { name: "Adresse courriel" }));
    await user.type(
      within(dialog).getByLabelText("Adresse courriel du délégataire *"),
      "edith.descartes@exemple.qc.ca",
    );
    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    await within(dialog).findByText("edescartes");
    expect(new URL(callsTo(fetch, "GET", "/api/v1/delegate-candidates")[0]?.url ?? "").search).toBe(
      "?email=edith.descartes%40exemple.qc.ca",
    );
    await user.click(within(dialog).getByRole("button", { name: "Confirmer délégataire" }));
    await waitFor(() =>
      expect(
        within(dialog)
          .getAllByRole("alert")
          .map((a) => a.textContent),
      ).toContain("Cette personne est déjà votre délégataire."),
    );
  });

  it("checks the search field, shows 422 and 429 answers clearly, and closes with Escape", async () => {
    mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": () => json([]),
      "GET /api/v1/delegate-candidates": [
        () => json([{ ...edithCandidate, userId: ids.marie, username: "mtremblay" }]),
        () => problem(429, { code: "rate_limited", title: "Trop de tentatives." }, { "Retry-After": "30" }),
      ],
      "POST /api/v1/delegates": () =>
        problem(422, {
          code: "cannot_delegate_to_self",
          title: "Vous ne pouvez pas vous désigner vous-même comme délégataire.",
        }),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);
    const add = await screen.findByRole("button", { name: "Ajouter délégataire" });
    await user.click(add);
    const dialog = screen.getByRole("dialog", { name: "Ajouter délégataire" });
    const field = within(dialog).getByLabelText("Nom d'utilisateur du délégataire *");

    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    expect(field).toHaveAccessibleDescription("Ce champ est obligatoire.");
    expect(field).toHaveFocus();

    await user.type(field, "mtremblay");
    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    await within(dialog).findByText("mtremblay");
    await user.click(within(dialog).getByRole("button", { name: "Confirmer délégataire" }));
    await waitFor(() =>
      expect(
        within(dialog)
          .getAllByRole("alert")
          .map((a) => a.textContent),
      ).toContain("Vous ne pouvez pas vous désigner vous-même comme délégataire."),
    );

    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    await waitFor(() =>
      expect(
        within(dialog)
          .getAllByRole("alert")
          .map((a) => a.textContent),
      ).toContain("Trop de tentatives. Veuillez réessayer dans 30 secondes."),
    );

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(add).toHaveFocus();
  });

  it("asks for a password change before the first délégataire, then adds it without asking again", async () => {
    const fetch = mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": [() => json([]), () => json([edithDelegate])],
      "GET /api/v1/delegate-candidates": () => json([edithCandidate]),
      "POST /api/v1/delegates": [
        () =>
          problem(403, {
            code: "password_change_required",
            title:
              "Pour des raisons de sécurité, comme il s'agit de l'inscription de votre premier délégataire, vous devez changer votre mot de passe avant de poursuivre.",
          }),
        () => json(edithDelegate, 201),
      ],
      "PUT /api/v1/me/password": () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);
    const add = await screen.findByRole("button", { name: "Ajouter délégataire" });
    await user.click(add);
    let dialog = screen.getByRole("dialog", { name: "Ajouter délégataire" });
    await user.type(within(dialog).getByLabelText("Nom d'utilisateur du délégataire *"), "edescartes");
    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    await within(dialog).findByText("edescartes");
    await user.click(within(dialog).getByRole("button", { name: "Confirmer délégataire" }));

    dialog = await screen.findByRole("dialog", { name: "Changement de mot de passe" });
    expect(dialog).toHaveAccessibleDescription(
      "Pour des raisons de sécurité, comme il s'agit de l'inscription de votre premier délégataire, vous devez changer votre mot de passe avant de poursuivre.",
    );
    expect(within(dialog).getByText("Avertissement")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Ancien mot de passe *")).toHaveFocus();
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Ancien mot de passe *"), "ancien mot de passe");
    await user.type(within(dialog).getByLabelText("Nouveau mot de passe *"), "nouvelle phrase de passe");
    await user.type(within(dialog).getByLabelText("Confirmer le nouveau mot de passe *"), "nouvelle phrase de passe");
    await user.click(within(dialog).getByRole("button", { name: "Soumettre" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByRole("rowheader", { name: "Édith Descartes" })).toBeInTheDocument();
    expect(add).toHaveFocus();

    const put = callsTo(fetch, "PUT", "/api/v1/me/password")[0];
    expect(await put?.json()).toEqual({
      currentPassword: "ancien mot de passe",
      newPassword: "nouvelle phrase de passe",
    });
    const posts = callsTo(fetch, "POST", "/api/v1/delegates");
    expect(posts).toHaveLength(2);
    expect(await posts[1]?.json()).toEqual({ userId: ids.edith, services: [...allServices] });
  });

  it("goes back to the search when the password change is cancelled", async () => {
    mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": () => json([]),
      "GET /api/v1/delegate-candidates": () => json([edithCandidate]),
      "POST /api/v1/delegates": () => problem(403, { code: "password_change_required", title: "Changement requis." }),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);
    await user.click(await screen.findByRole("button", { name: "Ajouter délégataire" }));
    let dialog = screen.getByRole("dialog", { name: "Ajouter délégataire" });
    await user.type(within(dialog).getByLabelText("Nom d'utilisateur du délégataire *"), "edescartes");
    await user.click(within(dialog).getByRole("button", { name: "Rechercher" }));
    await within(dialog).findByText("edescartes");
    await user.click(within(dialog).getByRole("button", { name: "Confirmer délégataire" }));
    dialog = await screen.findByRole("dialog", { name: "Changement de mot de passe" });
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    dialog = screen.getByRole("dialog", { name: "Ajouter délégataire" });
    expect(
      within(dialog)
        .getAllByRole("alert")
        .map((a) => a.textContent),
    ).toContain("Le délégataire n'a pas été ajouté : vous devez d'abord changer votre mot de passe.");
    // The result is still there: the user may try again.
    expect(within(dialog).getByText("edescartes")).toBeInTheDocument();
  });

  it("removes a délégataire after a confirmation naming the person", async () => {
    const fetch = mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": [() => json([edithDelegate]), () => json([])],
      [`DELETE /api/v1/delegates/${ids.edith}`]: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);
    const remove = await screen.findByRole("button", { name: "Supprimer Édith Descartes" });
    expect(remove).toHaveTextContent("Supprimer");

    // Cancelling changes nothing and gives focus back.
    await user.click(remove);
    let dialog = screen.getByRole("alertdialog", { name: "Supprimer un délégataire" });
    expect(dialog).toHaveAccessibleDescription(/Voulez-vous vraiment supprimer Édith Descartes/);
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(remove).toHaveFocus();
    expect(callsTo(fetch, "DELETE", `/api/v1/delegates/${ids.edith}`)).toHaveLength(0);

    await user.click(remove);
    dialog = screen.getByRole("alertdialog", { name: "Supprimer un délégataire" });
    await user.click(within(dialog).getByRole("button", { name: "Supprimer" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(await screen.findByText("Aucun délégataire à afficher")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Édith Descartes n'est plus votre délégataire.");
    expect(screen.getByRole("button", { name: "Ajouter délégataire" })).toHaveFocus();
    expect(callsTo(fetch, "DELETE", `/api/v1/delegates/${ids.edith}`)).toHaveLength(1);
  });

  it("keeps Tab inside the dialog", async () => {
    mockApi({
      "GET /api/v1/me": () => json(marie),
      "GET /api/v1/delegates": () => json([edithDelegate]),
    });
    const user = userEvent.setup({ delay: null });
    renderDelegation(path);
    await user.click(await screen.findByRole("button", { name: "Supprimer Édith Descartes" }));
    const dialog = screen.getByRole("alertdialog");
    const confirm = within(dialog).getByRole("button", { name: "Supprimer" });
    const cancel = within(dialog).getByRole("button", { name: "Annuler" });
    expect(cancel).toHaveFocus();
    await user.tab();
    expect(confirm).toHaveFocus();
    await user.tab({ shift: true });
    expect(cancel).toHaveFocus();
  });
});
