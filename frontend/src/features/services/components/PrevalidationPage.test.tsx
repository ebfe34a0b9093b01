import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json } from "@/test/api-mock";
import { jeanPersonRef, pierre, pierreRef, renderSignedIn } from "../test/api";
import { PrevalidationPage } from "./PrevalidationPage";
import { signOutAfterEachTest } from "@/test/session";

const rules = [
  ["R1", true, "Fichier XML de taille acceptable."],
  ["R2", true, "XML bien formé."],
  ["R3", true, "Élément racine DemandeMiseAJour."],
  ["R4", false, "Le matricule de la demande (5001) n'est pas celui de l'arpenteur-géomètre (5003)."],
  ["R5", true, "Aucun dossier indiqué."],
  ["R6", true, "1 lot(s)."],
  ["R7", false, "Numéros de lots invalides ou en double : 12."],
  ["R8", false, "Opération absente ou invalide (creation, modification, annulation) pour : 12."],
] as const;

const report = {
  id: "9f1c0d2e-0000-4000-8000-0000000000a1",
  fileName: "dm-5001.xml",
  size: 86,
  sha256: "e8ac",
  valid: false,
  findings: rules.map(([rule, passed, message]) => ({ rule, passed, message })),
  checkedAt: "2026-11-27T15:00:00Z",
  doneBy: pierreRef,
  doneFor: jeanPersonRef,
};

describe("Prévalidation d'une DM", () => {
  signOutAfterEachTest();

  it("sends the file as multipart and shows the report R1 to R8", async () => {
    const { fetch } = renderSignedIn(
      pierre,
      { "POST /api/v1/dm-prevalidations": () => json(report, 201) },
      { element: <PrevalidationPage />, path: "/cadastre/prevalidation" },
    );
    const user = userEvent.setup();
    await user.upload(
      await screen.findByLabelText("Fichier de la DM *"),
      new File(['<DemandeMiseAJour matricule="5001"/>'], "dm-5001.xml", { type: "text/xml" }),
    );
    await user.click(screen.getByRole("button", { name: "Prévalider" }));

    const table = await screen.findByRole("table", { name: "Règles R1 à R8" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      ),
    ).toEqual(rules.map(([, passed, message]) => [passed ? "Respectée" : "Non respectée", message]));
    expect(rows.map((row) => within(row).getByRole("rowheader").textContent)).toEqual(rules.map(([rule]) => rule));
    expect(screen.getByText("La DM dm-5001.xml ne respecte pas 3 règle(s) de prévalidation.")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Prévalidation de dm-5001.xml terminée.");
    // A délégataire is never led on to the dépôt.
    expect(screen.queryByRole("link", { name: "Déposer cette DM" })).not.toBeInTheDocument();

    const [request] = callsTo(fetch, "POST", "/api/v1/dm-prevalidations");
    expect(request?.headers.get("Content-Type")).toMatch(/^multipart\/form-data; boundary=/);
  });
});
