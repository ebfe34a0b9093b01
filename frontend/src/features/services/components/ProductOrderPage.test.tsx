import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, problem } from "@/test/api-mock";
import { emptyPage, pierre, renderSignedIn } from "../test/api";
import { ProductOrderPage } from "./ProductOrderPage";
import { signOutAfterEachTest } from "@/test/session";

describe("Commande de produit", () => {
  signOutAfterEachTest();

  it("accepts « 1 234 567 » and shows the API's error on /lots/1 next to the second lot", async () => {
    const { fetch } = renderSignedIn(
      pierre,
      {
        "GET /api/v1/product-orders": () => json(emptyPage()),
        "POST /api/v1/product-orders": () =>
          problem(400, {
            code: "validation_failed",
            title: "Les données soumises sont invalides.",
            errors: [{ pointer: "/lots/1", detail: "Le lot 9 999 999 n'existe pas au cadastre." }],
          }),
      },
      { element: <ProductOrderPage />, path: "/cadastre/commande-de-produit" },
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Lot 1 *"), "1 234 567");
    await user.click(screen.getByRole("button", { name: "Ajouter un lot" }));
    const second = screen.getByLabelText("Lot 2");
    expect(second).toHaveFocus();
    await user.type(second, "9999999");
    await user.click(screen.getByRole("button", { name: "Commander" }));

    await waitFor(() => expect(second).toHaveAttribute("aria-invalid", "true"));
    expect(second).toHaveAccessibleDescription("Le lot 9 999 999 n'existe pas au cadastre.");
    expect(screen.getByLabelText("Lot 1 *")).not.toHaveAttribute("aria-invalid");
    const [request] = callsTo(fetch, "POST", "/api/v1/product-orders");
    expect(await request?.json()).toEqual({
      productType: "plan_cadastral",
      lots: ["1234567", "9999999"],
      quantity: 1,
      format: "pdf",
    });
  });

  it("offers DWG for the plan cadastral only", async () => {
    renderSignedIn(
      pierre,
      { "GET /api/v1/product-orders": () => json(emptyPage()) },
      { element: <ProductOrderPage />, path: "/cadastre/commande-de-produit" },
    );
    const user = userEvent.setup();
    const format = await screen.findByLabelText("Format *");
    expect(
      within(format)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["PDF", "DWG", "Papier"]);
    await user.selectOptions(format, "dwg");
    await user.selectOptions(screen.getByLabelText("Produit *"), "fiche_lot");
    expect(
      within(format)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["PDF", "Papier"]);
    expect(format).toHaveValue("pdf");
  });

  it("spreads a pasted list of lots over as many inputs and refuses a malformed one", async () => {
    const { fetch } = renderSignedIn(
      pierre,
      { "GET /api/v1/product-orders": () => json(emptyPage()) },
      { element: <ProductOrderPage />, path: "/cadastre/commande-de-produit" },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Lot 1 *"));
    await user.paste("1 234 567\n2345678\n12");
    expect(screen.getByLabelText("Lot 1 *")).toHaveValue("1 234 567");
    expect(screen.getByLabelText("Lot 2")).toHaveValue("2345678");
    expect(screen.getByLabelText("Lot 3")).toHaveValue("12");
    await user.click(screen.getByRole("button", { name: "Commander" }));
    expect(screen.getByLabelText("Lot 3")).toHaveAccessibleDescription(
      "Entrez un numéro de lot de 7 chiffres (par exemple 1 234 567).",
    );
    expect(callsTo(fetch, "POST", "/api/v1/product-orders")).toHaveLength(0);
  });
});
