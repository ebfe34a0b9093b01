import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { callsTo, json, problem } from "@/test/api-mock";
import { dossierOf, emptyPage, jeanPersonRef, pierre, pierreRef, renderSignedIn } from "../test/api";
import { pageOf } from "@/test/fixtures";
import type { LotReservationPage as ReservationList } from "../api/list-lot-reservations";
import { LotReservationPage } from "./LotReservationPage";
import { signOutAfterEachTest } from "@/test/session";

const dossiers = pageOf(
  [
    dossierOf({ read: false }),
    dossierOf({
      number: "1090001",
      title: "Dossier fermé",
      status: "ferme",
      closingDate: "2026-01-15",
      openedAt: "2025-09-27T11:30:31Z",
    }),
  ],
  { pageSize: 100 },
);

const reservation = {
  id: "9f1c0d2e-0000-4000-8000-000000000001",
  dossierNumber: "1093112",
  lots: ["6500001", "6500002"],
  complementaryPlans: 1,
  reservedAt: "2026-11-27T15:00:00Z",
  doneBy: pierreRef,
  doneFor: jeanPersonRef,
};

function renderPage(post: (request: Request) => Response) {
  let reservations: ReservationList = emptyPage();
  const { fetch } = renderSignedIn(
    pierre,
    {
      "GET /api/v1/dossiers": () => json(dossiers),
      "GET /api/v1/lot-reservations": () => json(reservations),
      "POST /api/v1/lot-reservations": (request) => {
        const response = post(request);
        if (response.ok) reservations = { items: [reservation], page: 1, pageSize: 10, totalItems: 1, totalPages: 1 };
        return response;
      },
    },
    { element: <LotReservationPage />, path: "/cadastre/reservation-de-lot" },
  );
  return fetch;
}

describe("Réservation de lot", () => {
  signOutAfterEachTest();

  it("offers the open cadastre dossiers only, and shows who the user acts for", async () => {
    renderPage(() => json(reservation, 201));
    const select = await screen.findByLabelText("Dossier *");
    expect(
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Choisissez un dossier", "1093112 — Lots 6 123 401 à 6 123 404, Lévis"]);
    expect(screen.getByText("Jean Piette (5003)")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Réservation de lot" })).toBeInTheDocument();
  });

  it("shows the API's error on /lotCount next to Nombre de lots", async () => {
    const fetch = renderPage(() =>
      problem(422, {
        code: "validation_failed",
        title: "Les données soumises sont invalides.",
        errors: [{ pointer: "/lotCount", detail: "Le nombre de lots dépasse ce que ce dossier permet." }],
      }),
    );
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Dossier *"), "1093112");
    const lotCount = screen.getByLabelText("Nombre de lots *");
    await user.clear(lotCount);
    await user.type(lotCount, "12");
    await user.click(screen.getByRole("button", { name: "Réserver" }));

    await waitFor(() => expect(lotCount).toHaveAttribute("aria-invalid", "true"));
    expect(lotCount).toHaveAccessibleDescription(
      expect.stringContaining("Le nombre de lots dépasse ce que ce dossier permet."),
    );
    expect(lotCount).toHaveFocus();
    expect(screen.getByLabelText("Dossier *")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Les données soumises sont invalides.");
    const [request] = callsTo(fetch, "POST", "/api/v1/lot-reservations");
    expect(await request?.json()).toEqual({ dossierNumber: "1093112", lotCount: 12, complementaryPlans: 0 });
  });

  it("checks the ranges before calling the API", async () => {
    const fetch = renderPage(() => json(reservation, 201));
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Dossier *"), "1093112");
    const lotCount = screen.getByLabelText("Nombre de lots *");
    await user.clear(lotCount);
    await user.type(lotCount, "51");
    const plans = screen.getByLabelText("Plans complémentaires en TR");
    await user.clear(plans);
    await user.type(plans, "11");
    await user.click(screen.getByRole("button", { name: "Réserver" }));
    expect(lotCount).toHaveAccessibleDescription(expect.stringContaining("Entrez un nombre entier de 1 à 50."));
    expect(plans).toHaveAccessibleDescription(expect.stringContaining("Entrez un nombre entier de 0 à 10."));
    expect(lotCount).toHaveFocus();
    expect(callsTo(fetch, "POST", "/api/v1/lot-reservations")).toHaveLength(0);
  });

  it("shows the reserved lots written 6 500 001 and adds the reservation to the list", async () => {
    renderPage(() => json(reservation, 201));
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Dossier *"), "1093112");
    await user.click(screen.getByRole("button", { name: "Réserver" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Lots réservés pour le dossier 1093112 : 6 500 001, 6 500 002.",
    );
    const table = await screen.findByRole("table", { name: "Réservations" });
    expect(within(table).getByText("6 500 001, 6 500 002")).toBeInTheDocument();
    expect(within(table).getByText("Pierre Quiroule")).toBeInTheDocument();
  });
});
