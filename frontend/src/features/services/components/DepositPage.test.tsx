import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, problem } from "@/test/api-mock";
import { emptyPage, jean, pierre, renderSignedIn } from "../test/api";
import { DepositPage } from "./DepositPage";
import { signOutAfterEachTest } from "@/test/session";

const reason =
  "Le dépôt d'une demande de mise à jour du cadastre (DM) demeure à l'usage exclusif de l'arpenteur-géomètre.";

describe("Dépôt d'une DM", () => {
  signOutAfterEachTest();

  it("is not offered to a délégataire, who reads why instead", async () => {
    const { fetch } = renderSignedIn(pierre, {}, { element: <DepositPage />, path: "/cadastre/depot" });
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(screen.getByText("Jean Piette (5003)")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Déposer" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Fichier de la DM/)).not.toBeInTheDocument();
    // Nor is the surveyor's list of deposits asked for.
    expect(callsTo(fetch, "GET", "/api/v1/dm-deposits")).toHaveLength(0);
  });

  it("is offered to the surveyor acting for himself, and opens a dossier", async () => {
    const { fetch } = renderSignedIn(
      jean,
      {
        "GET /api/v1/dm-deposits": () => json(emptyPage()),
        "POST /api/v1/dm-deposits": () =>
          json(
            {
              id: "9f1c0d2e-0000-4000-8000-0000000000d1",
              fileName: "dm.xml",
              size: 116,
              sha256: "f267",
              lotCount: 1,
              dossierNumber: "1100001",
              depositedAt: "2026-11-27T15:00:00Z",
            },
            201,
          ),
      },
      { element: <DepositPage />, path: "/cadastre/depot" },
    );
    const user = userEvent.setup();
    const input = await screen.findByLabelText("Fichier de la DM *");
    expect(screen.queryByText(reason)).not.toBeInTheDocument();
    await user.upload(input, new File(['<DemandeMiseAJour matricule="5003"/>'], "dm.xml", { type: "text/xml" }));
    await user.click(screen.getByRole("button", { name: "Déposer" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Le dossier 1100001 est ouvert.");
    expect(screen.getByRole("link", { name: "Consulter le dossier 1100001" })).toHaveAttribute(
      "href",
      "/cadastre/dossiers/1100001",
    );
    expect(callsTo(fetch, "POST", "/api/v1/dm-deposits")).toHaveLength(1);
  });

  it("lists every rule a refused DM breaks, the first next to the file", async () => {
    renderSignedIn(
      jean,
      {
        "GET /api/v1/dm-deposits": () => json(emptyPage()),
        "POST /api/v1/dm-deposits": () =>
          problem(422, {
            code: "validation_failed",
            title: "La DM ne respecte pas les règles de prévalidation; elle n'a pas été déposée.",
            errors: [
              {
                pointer: "/file",
                detail: "R4 : Le matricule de la demande (5001) n'est pas celui de l'arpenteur-géomètre (5003).",
              },
              { pointer: "/file", detail: "R7 : Numéros de lots invalides ou en double : 12." },
            ],
          }),
      },
      { element: <DepositPage />, path: "/cadastre/depot" },
    );
    const user = userEvent.setup();
    const input = await screen.findByLabelText("Fichier de la DM *");
    await user.upload(input, new File(["<x/>"], "dm.xml", { type: "text/xml" }));
    await user.click(screen.getByRole("button", { name: "Déposer" }));
    await waitFor(() => expect(input).toHaveAttribute("aria-invalid", "true"));
    expect(input).toHaveAccessibleDescription(expect.stringContaining("R4 : Le matricule de la demande (5001)"));
    expect(screen.getByText("R7 : Numéros de lots invalides ou en double : 12.")).toBeInTheDocument();
  });

  it("checks the file is an .xml before sending it", async () => {
    const { fetch } = renderSignedIn(
      jean,
      { "GET /api/v1/dm-deposits": () => json(emptyPage()) },
      { element: <DepositPage />, path: "/cadastre/depot" },
    );
    const user = userEvent.setup({ applyAccept: false });
    await user.click(await screen.findByRole("button", { name: "Déposer" }));
    const input = screen.getByLabelText("Fichier de la DM *");
    expect(input).toHaveAccessibleDescription(expect.stringContaining("Joignez le fichier XML de la DM."));
    await user.upload(input, new File(["%PDF"], "plan.pdf", { type: "application/pdf" }));
    await user.click(screen.getByRole("button", { name: "Déposer" }));
    expect(input).toHaveAccessibleDescription(expect.stringContaining("Le fichier doit être un document .xml."));
    expect(callsTo(fetch, "POST", "/api/v1/dm-deposits")).toHaveLength(0);
  });
});
