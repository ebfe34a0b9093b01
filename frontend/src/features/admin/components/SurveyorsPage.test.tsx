import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, problem } from "@/test/api-mock";
import { page, renderSignedIn, admin, surveyors } from "../test/render";
import { SurveyorsPage } from "./SurveyorsPage";
import { signOutAfterEachTest } from "@/test/session";

const jpiette = {
  userId: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f9999",
  username: "nouvel.ag",
  firstName: "Nadia",
  lastName: "Ouellet",
  email: "nadia.ouellet@exemple.qc.ca",
  matricule: "5010",
  grantedAt: "2026-11-29T15:00:00Z",
};

function bodyRows() {
  const table = screen.getByRole("table", { name: "Arpenteurs-géomètres inscrits" });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => row.textContent);
}

describe("Administration ▸ Arpenteurs-géomètres", { timeout: 30_000 }, () => {
  signOutAfterEachTest();

  it("lists the surveyors and filters them on name, username and matricule, announcing the count", async () => {
    renderSignedIn(
      admin,
      { "GET /api/v1/admin/surveyors": () => json(surveyors) },
      { routes: page(<SurveyorsPage />), path: "/administration" },
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Arpenteurs-géomètres" })).toBeInTheDocument();
    await screen.findByText("4 arpenteurs-géomètres inscrits");
    expect(bodyRows()).toHaveLength(4);
    expect(screen.getAllByRole("cell", { name: "2020-03-15" })).toHaveLength(1);

    const user = userEvent.setup();
    const search = screen.getByRole("searchbox", { name: "Rechercher un arpenteur-géomètre" });
    await user.type(search, "trepanier");
    expect(bodyRows()).toEqual([expect.stringContaining("15004")]);
    expect(screen.getByText("1 arpenteur-géomètre sur 4 correspond à la recherche")).toHaveAttribute("role", "status");
    await user.clear(search);
    await user.type(search, "jpiette");
    expect(bodyRows()).toEqual([expect.stringContaining("Piette, Jean")]);
    await user.clear(search);
    await user.type(search, "500");
    expect(screen.getByText("4 arpenteurs-géomètres sur 4 correspondent à la recherche")).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, "personne");
    expect(bodyRows()).toEqual(["Aucun arpenteur-géomètre ne correspond à la recherche"]);
  });

  it("grants the status, shows the API's errors next to their fields, then announces the new surveyor", async () => {
    const { fetch } = renderSignedIn(
      admin,
      {
        "GET /api/v1/admin/surveyors": [() => json(surveyors), () => json([...surveyors, jpiette])],
        "POST /api/v1/admin/surveyors": [
          () =>
            problem(409, {
              code: "conflict",
              title: "Ce matricule est déjà attribué.",
              errors: [
                { pointer: "/matricule", detail: "Ce matricule est déjà attribué à un autre arpenteur-géomètre." },
              ],
            }),
          () => json(jpiette, 201),
        ],
      },
      { routes: page(<SurveyorsPage />), path: "/administration" },
    );
    const user = userEvent.setup();
    const username = await screen.findByLabelText("Nom d'utilisateur *");
    const matricule = screen.getByLabelText("Matricule *");
    await user.type(username, " nouvel.ag ");
    await user.type(matricule, "5003");
    await user.click(screen.getByRole("button", { name: "Accorder le statut" }));

    await waitFor(() => expect(matricule).toHaveAttribute("aria-invalid", "true"));
    expect(matricule).toHaveFocus();
    expect(matricule).toHaveAccessibleDescription(
      "Ce matricule est déjà attribué à un autre arpenteur-géomètre. Matricule de l'Ordre des arpenteurs-géomètres du Québec, de 1 à 6 chiffres",
    );
    expect(username).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Ce matricule est déjà attribué.");
    const [first] = callsTo(fetch, "POST", "/api/v1/admin/surveyors");
    expect(await first?.json()).toEqual({ username: "nouvel.ag", matricule: "5003" });

    await user.clear(matricule);
    await user.type(matricule, "5010");
    await user.click(screen.getByRole("button", { name: "Accorder le statut" }));
    expect(
      await screen.findByText("Nadia Ouellet (nouvel.ag) est maintenant arpenteur-géomètre, matricule 5010."),
    ).toBeInTheDocument();
    expect(matricule).not.toHaveAttribute("aria-invalid");
    expect(matricule).toHaveValue("");
    await screen.findByText("5 arpenteurs-géomètres inscrits");
    expect(callsTo(fetch, "GET", "/api/v1/admin/surveyors")).toHaveLength(2);
  });

  it("checks the fields before sending", async () => {
    const { fetch } = renderSignedIn(
      admin,
      { "GET /api/v1/admin/surveyors": () => json(surveyors) },
      { routes: page(<SurveyorsPage />), path: "/administration" },
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Matricule *"), "50-03");
    await user.click(screen.getByRole("button", { name: "Accorder le statut" }));
    expect(screen.getByLabelText("Nom d'utilisateur *")).toHaveAccessibleDescription("Ce champ est obligatoire.");
    expect(screen.getByLabelText("Nom d'utilisateur *")).toHaveFocus();
    expect(screen.getByLabelText("Matricule *")).toHaveAccessibleDescription(
      expect.stringContaining("Entrez un matricule de 1 à 6 chiffres"),
    );
    expect(callsTo(fetch, "POST", "/api/v1/admin/surveyors")).toHaveLength(0);
  });

  it("asks for confirmation before withdrawing the status, and Annuler or Escape change nothing", async () => {
    const remaining = surveyors.filter((s) => s.matricule !== "5003");
    const { fetch } = renderSignedIn(
      admin,
      {
        "GET /api/v1/admin/surveyors": [() => json(surveyors), () => json(remaining)],
        "DELETE /api/v1/admin/surveyors/5003": () => new Response(null, { status: 204 }),
      },
      { routes: page(<SurveyorsPage />), path: "/administration" },
    );
    const user = userEvent.setup();
    const revoke = await screen.findByRole("button", { name: "Retirer le statut de Jean Piette" });
    await user.click(revoke);
    let dialog = screen.getByRole("alertdialog", { name: "Retirer le statut d'arpenteur-géomètre" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveAccessibleDescription(
      expect.stringContaining("Voulez-vous retirer le statut d'arpenteur-géomètre de Jean Piette (matricule 5003)?"),
    );
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(revoke).toHaveFocus();

    await user.click(revoke);
    dialog = screen.getByRole("alertdialog");
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(callsTo(fetch, "DELETE", "/api/v1/admin/surveyors/5003")).toHaveLength(0);

    await user.click(revoke);
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Confirmer" }));
    expect(await screen.findByText("Jean Piette n'est plus arpenteur-géomètre (matricule 5003).")).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(callsTo(fetch, "DELETE", "/api/v1/admin/surveyors/5003")).toHaveLength(1);
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    // The row and its button are gone: focus is on the list's heading.
    expect(screen.getByRole("heading", { level: 2, name: "Arpenteurs-géomètres inscrits" })).toHaveFocus();
  });

  it("keeps the dialog open with the API's message when the withdrawal is refused", async () => {
    renderSignedIn(
      admin,
      {
        "GET /api/v1/admin/surveyors": () => json(surveyors),
        "DELETE /api/v1/admin/surveyors/5001": () =>
          problem(404, { code: "not_found", title: "Aucun arpenteur-géomètre ne porte ce matricule." }),
      },
      { routes: page(<SurveyorsPage />), path: "/administration" },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Retirer le statut de Claire Lavoie" }));
    await user.click(screen.getByRole("button", { name: "Confirmer" }));
    const dialog = screen.getByRole("alertdialog");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Aucun arpenteur-géomètre ne porte ce matricule.",
    );
  });

  it("links each surveyor to Ouvrir un dossier with their matricule", async () => {
    renderSignedIn(
      admin,
      { "GET /api/v1/admin/surveyors": () => json(surveyors) },
      { routes: page(<SurveyorsPage />), path: "/administration" },
    );
    expect(await screen.findByRole("link", { name: "Ouvrir un dossier pour Claire Lavoie" })).toHaveAttribute(
      "href",
      "/administration/dossiers?matricule=5001",
    );
  });

  it("speaks English when the user chose it; each button's name starts with its visible text", async () => {
    renderSignedIn(
      admin,
      { "GET /api/v1/admin/surveyors": () => json(surveyors) },
      { routes: page(<SurveyorsPage />), path: "/administration", locale: "en-CA" },
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Land surveyors" })).toBeInTheDocument();
    expect(await screen.findByText("4 registered land surveyors")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Withdraw status of Jean Piette" })).toHaveTextContent("Withdraw status");
  });
});
