import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, problem } from "@/test/api-mock";
import { admin, page, renderSignedIn } from "../test/render";
import { CommuniquePage } from "./CommuniquePage";
import { DossierMessagePage } from "./DossierMessagePage";
import { signOutAfterEachTest } from "@/test/session";

const message = {
  id: "6d1f0c8e-1111-4d7a-9a55-5d1f4b1f0001",
  dossierNumber: "1093112",
  subject: "Pièce manquante",
  body: "Veuillez transmettre le plan signé.",
  postedAt: "2026-11-29T15:00:00Z",
  read: false,
  readAt: null,
  readBy: null,
};

describe("Administration ▸ messages and communiqués", { timeout: 30_000 }, () => {
  signOutAfterEachTest();

  it("posts a message on the dossier given in the address and announces it", async () => {
    const { fetch } = renderSignedIn(
      admin,
      { "POST /api/v1/admin/dossiers/1093112/messages": () => json(message, 201) },
      { routes: page(<DossierMessagePage />), path: "/administration/messages?dossier=1093112" },
    );
    expect(
      await screen.findByRole("heading", { level: 1, name: "Publier un message sur un dossier" }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Numéro de dossier *")).toHaveValue("1093112");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Objet *"), "Pièce manquante");
    await user.type(screen.getByLabelText("Message *"), "Veuillez transmettre le plan signé.");
    await user.click(screen.getByRole("button", { name: "Publier le message" }));

    const status = await screen.findByText("Le message « Pièce manquante » est publié au dossier 1093112.");
    expect(status.closest("[role=status]")).not.toBeNull();
    expect(screen.getByLabelText("Objet *")).toHaveValue("");
    const [request] = callsTo(fetch, "POST", "/api/v1/admin/dossiers/1093112/messages");
    expect(await request?.json()).toEqual({ subject: "Pièce manquante", body: "Veuillez transmettre le plan signé." });
  });

  it("shows the API's field errors and refuses a malformed dossier number before sending", async () => {
    const { fetch } = renderSignedIn(
      admin,
      {
        "POST /api/v1/admin/dossiers/1093112/messages": () =>
          problem(400, {
            code: "validation_failed",
            title: "Les données soumises sont invalides.",
            errors: [{ pointer: "/subject", detail: "L'objet compte au plus 200 caractères." }],
          }),
      },
      { routes: page(<DossierMessagePage />), path: "/administration/messages" },
    );
    const user = userEvent.setup();
    const number = await screen.findByLabelText("Numéro de dossier *");
    await user.type(number, "109311");
    await user.type(screen.getByLabelText("Objet *"), "Objet");
    await user.type(screen.getByLabelText("Message *"), "Texte");
    await user.click(screen.getByRole("button", { name: "Publier le message" }));
    expect(number).toHaveFocus();
    expect(number).toHaveAccessibleDescription(expect.stringContaining("Entrez un numéro de dossier de 7 chiffres"));
    expect(fetch).not.toHaveBeenCalledWith(expect.objectContaining({ method: "POST" }));

    await user.type(number, "2");
    await user.click(screen.getByRole("button", { name: "Publier le message" }));
    const subject = screen.getByLabelText("Objet *");
    await waitFor(() => expect(subject).toHaveAttribute("aria-invalid", "true"));
    expect(subject).toHaveAccessibleDescription("L'objet compte au plus 200 caractères.");
    expect(number).not.toHaveAttribute("aria-invalid");
    expect(callsTo(fetch, "POST", "/api/v1/admin/dossiers/1093112/messages")).toHaveLength(1);
  });

  it("shows in the form's alert that the dossier does not exist", async () => {
    renderSignedIn(
      admin,
      {
        "POST /api/v1/admin/dossiers/9999999/messages": () =>
          problem(404, { code: "not_found", title: "Dossier introuvable." }),
      },
      { routes: page(<DossierMessagePage />), path: "/administration/messages?dossier=9999999" },
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Objet *"), "Objet");
    await user.type(screen.getByLabelText("Message *"), "Texte");
    await user.click(screen.getByRole("button", { name: "Publier le message" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Dossier introuvable.");
  });

  it("publishes a communiqué (no dossier number asked)", async () => {
    const { fetch } = renderSignedIn(
      admin,
      {
        "POST /api/v1/admin/communiques": () =>
          json(
            {
              id: "6d1f0c8e-2222-4d7a-9a55-5d1f4b1f0001",
              subject: "Maintenance",
              body: "Le service sera interrompu samedi.",
              publishedAt: "2026-11-29T15:00:00Z",
              read: false,
            },
            201,
          ),
      },
      { routes: page(<CommuniquePage />), path: "/administration/communiques" },
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Publier un communiqué" })).toBeInTheDocument();
    expect(screen.queryByLabelText("Numéro de dossier *")).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Objet *"), "Maintenance");
    await user.type(screen.getByLabelText("Message *"), "Le service sera interrompu samedi.");
    await user.click(screen.getByRole("button", { name: "Publier le communiqué" }));
    expect(await screen.findByText("Le communiqué « Maintenance » est publié.")).toBeInTheDocument();
    const [request] = callsTo(fetch, "POST", "/api/v1/admin/communiques");
    expect(await request?.json()).toEqual({ subject: "Maintenance", body: "Le service sera interrompu samedi." });
  });
});
