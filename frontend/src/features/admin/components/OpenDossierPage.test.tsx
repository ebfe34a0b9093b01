import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, problem } from "@/test/api-mock";
import { admin, page, renderSignedIn, surveyors } from "../test/render";
import { OpenDossierPage } from "./OpenDossierPage";
import { signOutAfterEachTest } from "@/test/session";

const opened = {
  number: "1099001",
  kind: "arpentage",
  title: "Lot 1 234 567, Sherbrooke",
  status: "ouvert",
  closingDate: "2027-03-31",
  responsible: { userId: surveyors[0]?.userId, firstName: "Claire", lastName: "Lavoie", matricule: "5001" },
  openedAt: "2026-11-29T15:00:00Z",
  read: false,
  unreadMessages: 0,
};

describe("Administration ▸ Ouvrir un dossier", { timeout: 30_000 }, () => {
  signOutAfterEachTest();

  it("opens a dossier for the surveyor chosen from the list, then links to its messages", async () => {
    const { fetch } = renderSignedIn(
      admin,
      {
        "GET /api/v1/admin/surveyors": () => json(surveyors),
        "POST /api/v1/admin/dossiers": () => json(opened, 201),
      },
      { routes: page(<OpenDossierPage />), path: "/administration/dossiers?matricule=5001" },
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Ouvrir un dossier" })).toBeInTheDocument();
    const surveyor = await screen.findByLabelText("Arpenteur-géomètre responsable *");
    // Preselected from the list of surveyors (Ouvrir un dossier pour Claire Lavoie).
    expect(surveyor).toHaveValue("5001");
    expect(
      within(surveyor)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual([
      "Choisissez un arpenteur-géomètre",
      "Claire Lavoie (5001)",
      "Alain Proviste (5002)",
      "Jean Piette (5003)",
      "Édith Trépanier (15004)",
    ]);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Numéro de dossier *"), "1099001");
    await user.selectOptions(screen.getByLabelText("Type de dossier *"), "arpentage");
    await user.type(screen.getByLabelText("Titre *"), "Lot 1 234 567, Sherbrooke");
    await user.type(screen.getByLabelText("Date de fermeture"), "2027-03-31");
    await user.click(screen.getByRole("button", { name: "Ouvrir le dossier" }));

    expect(await screen.findByText("Le dossier 1099001 est ouvert pour Claire Lavoie (5001).")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Publier un message sur le dossier 1099001" })).toHaveAttribute(
      "href",
      "/administration/messages?dossier=1099001",
    );
    const [request] = callsTo(fetch, "POST", "/api/v1/admin/dossiers");
    expect(await request?.json()).toEqual({
      number: "1099001",
      kind: "arpentage",
      matricule: "5001",
      title: "Lot 1 234 567, Sherbrooke",
      closingDate: "2027-03-31",
    });

    // A new attempt hides the announcement, even one the client-side checks stop.
    await user.click(screen.getByRole("button", { name: "Ouvrir le dossier" }));
    expect(await screen.findAllByText("Ce champ est obligatoire.")).not.toHaveLength(0);
    expect(screen.queryByText("Le dossier 1099001 est ouvert pour Claire Lavoie (5001).")).not.toBeInTheDocument();
  });

  it("leaves the closing date out when it is empty and shows the API's error on the number", async () => {
    const { fetch } = renderSignedIn(
      admin,
      {
        "GET /api/v1/admin/surveyors": () => json(surveyors),
        "POST /api/v1/admin/dossiers": () =>
          problem(409, {
            code: "conflict",
            title: "Ce numéro de dossier existe déjà.",
            errors: [{ pointer: "/number", detail: "Ce numéro de dossier existe déjà." }],
          }),
      },
      { routes: page(<OpenDossierPage />), path: "/administration/dossiers" },
    );
    const user = userEvent.setup();
    const number = await screen.findByLabelText("Numéro de dossier *");
    await user.type(number, "1093112");
    await user.selectOptions(screen.getByLabelText("Arpenteur-géomètre responsable *"), "5003");
    await user.type(screen.getByLabelText("Titre *"), "Lot 2 345 678");
    await user.click(screen.getByRole("button", { name: "Ouvrir le dossier" }));

    await waitFor(() => expect(number).toHaveAttribute("aria-invalid", "true"));
    expect(number).toHaveFocus();
    expect(number).toHaveAccessibleDescription("Ce numéro de dossier existe déjà. 7 chiffres");
    const [request] = callsTo(fetch, "POST", "/api/v1/admin/dossiers");
    expect(await request?.json()).toEqual({
      number: "1093112",
      kind: "cadastre",
      matricule: "5003",
      title: "Lot 2 345 678",
    });
  });

  it("requires a 7-digit number, a surveyor and a title before sending", async () => {
    const { fetch } = renderSignedIn(
      admin,
      { "GET /api/v1/admin/surveyors": () => json(surveyors) },
      { routes: page(<OpenDossierPage />), path: "/administration/dossiers" },
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Numéro de dossier *"), "12345");
    await user.click(screen.getByRole("button", { name: "Ouvrir le dossier" }));
    expect(screen.getByLabelText("Numéro de dossier *")).toHaveAccessibleDescription(
      expect.stringContaining("Entrez un numéro de dossier de 7 chiffres"),
    );
    expect(screen.getByLabelText("Arpenteur-géomètre responsable *")).toHaveAccessibleDescription(
      "Ce champ est obligatoire.",
    );
    expect(screen.getByLabelText("Titre *")).toHaveAccessibleDescription(
      expect.stringContaining("Ce champ est obligatoire."),
    );
    expect(callsTo(fetch, "POST", "/api/v1/admin/dossiers")).toHaveLength(0);
  });

  it("lets the matricule be typed in when the list of surveyors cannot be loaded", async () => {
    renderSignedIn(
      admin,
      {
        "GET /api/v1/admin/surveyors": () =>
          problem(403, { code: "admin_only", title: "Cette action est réservée au ministère." }),
      },
      { routes: page(<OpenDossierPage />), path: "/administration/dossiers" },
    );
    expect(await screen.findByText("Impossible d'obtenir la liste des arpenteurs-géomètres.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Matricule" })).toBeInTheDocument();
  });
});
