import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { components } from "@/lib/api/schema.gen";
import { problemResponse, renderWithApp } from "@/test/render";
import { ActivityPage } from "./ActivityPage";

type Activity = components["schemas"]["Activity"];
type ActivityFilters = components["schemas"]["ActivityFilters"];

const jean = {
  userId: "7cd61e3a-3e37-4aeb-82cd-b8937c3fb236",
  username: "jpiette",
  firstName: "Jean",
  lastName: "Piette",
  matricule: "5003",
};
const edith = {
  userId: "547621b1-e255-4d16-9ba2-c0bb761b6842",
  username: "edescartes",
  firstName: "Édith",
  lastName: "Descartes",
  matricule: null,
};
const alain = {
  userId: "64bd58f3-fcdb-4a66-a3db-13cade7b43f8",
  username: "aproviste",
  firstName: "Alain",
  lastName: "Proviste",
  matricule: "5002",
};

/** 23 activities, like the guide's « Page 2 de 3 (23 activités) ». */
const activities: Activity[] = Array.from({ length: 23 }, (_, index) => ({
  id: 23 - index,
  // 2020-10-14 13:05 in Québec is 17:05 UTC; one a day going back.
  occurredAt: new Date(Date.UTC(2020, 9, 14 - index, 17, 5)).toISOString(),
  dossierNumber: index % 3 === 1 ? "1096429" : null,
  type: index % 2 === 0 ? "lot_reservation" : "product_order",
  label: index % 2 === 0 ? "Réservation de lots et plans complémentaires en TR" : "Commande de produits cadastraux",
  actor: index % 4 === 0 ? jean : edith,
  principal: index === 5 ? alain : jean,
  // §13: a French detail (null on entries older than it), and the channel.
  detail:
    index % 2 === 0
      ? "Lots 6 123 401, 6 123 402"
      : index === 1
        ? null
        : "CP-2020-000001 : Plan cadastral (PDF) × 1 — Lot 1 234 567",
  channel: index === 2 ? "api" : "web",
}));

const filterValues: ActivityFilters = {
  types: [
    { code: "delegate_added", label: "Ajout d'un délégataire" },
    { code: "lot_reservation", label: "Réservation de lots et plans complémentaires en TR" },
    { code: "product_order", label: "Commande de produits cadastraux" },
  ],
  actors: [edith, jean],
  principals: [alain, jean],
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function page(url: URL) {
  const size = Number(url.searchParams.get("pageSize") ?? 10);
  const number = Number(url.searchParams.get("page") ?? 1);
  return json({
    items: activities.slice((number - 1) * size, number * size),
    page: number,
    pageSize: size,
    totalItems: activities.length,
    totalPages: Math.ceil(activities.length / size),
  });
}

type Handler = (url: URL, request: Request) => Response | Promise<Response>;

/** A fetch that answers the three activity endpoints and records every request. */
function mockApi(handlers: { list?: Handler; export?: Handler } = {}) {
  const requests: URL[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    requests.push(url);
    if (url.pathname === "/api/v1/activity-filters") return json(filterValues);
    if (url.pathname === "/api/v1/activities/export")
      return (handlers.export ?? (() => new Response("", { status: 500 })))(url, request);
    if (url.pathname === "/api/v1/activities") return (handlers.list ?? page)(url, request);
    return new Response("", { status: 404 });
  });
  vi.stubGlobal("fetch", fetch);
  return {
    requests,
    lists: () => requests.filter((url) => url.pathname === "/api/v1/activities"),
    exports: () => requests.filter((url) => url.pathname === "/api/v1/activities/export"),
  };
}

const path = "/delegation/suivi-des-activites";

function rows() {
  const table = screen.getByRole("table");
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    );
}

// Rendering the whole page with user-event is slow under jsdom.
describe("ActivityPage", { timeout: 20_000 }, () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the guide's table with dates in Québec time and empty dossier cells", async () => {
    mockApi();
    renderWithApp(<ActivityPage />, { path });
    expect(screen.getByRole("heading", { level: 1, name: "Suivi des activités" })).toBeInTheDocument();
    await screen.findByText("Page 1 de 3 (23 activités)");
    const table = screen.getByRole("table", { name: /Suivi des activités/ });
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((th) => th.textContent?.replace(/[▲▼↕]/g, ""));
    expect(headers).toEqual(["Date activité", "No Dossier", "Activité", "Réalisée par", "Réalisée pour", "Détail"]);
    // « Détail » is not a sort key: no sort button, no aria-sort.
    const detailHeader = within(table).getAllByRole("columnheader")[5] as HTMLElement;
    expect(detailHeader).not.toHaveAttribute("aria-sort");
    expect(within(detailHeader).queryByRole("button")).toBeNull();
    for (const th of within(table).getAllByRole("columnheader")) expect(th).toHaveAttribute("scope", "col");
    expect(rows().slice(0, 3)).toEqual([
      [
        "2020-10-14 13:05",
        "",
        "Réservation de lots et plans complémentaires en TR",
        "Jean Piette",
        "Jean Piette",
        "Lots 6 123 401, 6 123 402",
      ],
      ["2020-10-13 13:05", "1096429", "Commande de produits cadastraux", "Édith Descartes", "Jean Piette", ""],
      [
        "2020-10-12 13:05",
        "",
        "Réservation de lots et plans complémentaires en TR",
        "Édith Descartes",
        "Jean Piette",
        "Lots 6 123 401, 6 123 402 — par l'API",
      ],
    ]);
    expect(document.title).toBe("Suivi des activités — Mon espace client");
  });

  it("paginates like the guide: « Page 2 de 3 (23 activités) » and « << < 1 2 3 > >> »", async () => {
    const api = mockApi();
    const user = userEvent.setup();
    renderWithApp(<ActivityPage />, { path: `${path}?page=2` });
    await screen.findByText("Page 2 de 3 (23 activités)");
    const nav = screen.getByRole("navigation", { name: "Pagination du suivi des activités" });
    const buttons = within(nav)
      .getAllByRole("button")
      .map((button) => [button.getAttribute("aria-label") ?? button.textContent, button.textContent]);
    expect(buttons).toEqual([
      ["Première page", "<<"],
      ["Page précédente", "<"],
      ["Page 1", "1"],
      ["Page 2", "2"],
      ["Page 3", "3"],
      ["Page suivante", ">"],
      ["Dernière page", ">>"],
      ["Afficher toutes les activités", "Afficher toutes les activités"],
    ]);
    expect(within(nav).getByRole("button", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
    expect(api.lists().at(-1)?.searchParams.get("page")).toBe("2");

    await user.click(within(nav).getByRole("button", { name: "Page suivante" }));
    await screen.findByText("Page 3 de 3 (23 activités)");
    expect(api.lists().at(-1)?.searchParams.get("page")).toBe("3");
    expect(rows()).toHaveLength(3);
    const last = within(nav).getByRole("button", { name: "Dernière page" });
    expect(last).toHaveAttribute("aria-disabled", "true");
    const before = api.lists().length;
    await user.click(last);
    expect(api.lists()).toHaveLength(before);

    await user.click(within(nav).getByRole("button", { name: "Première page" }));
    await screen.findByText("Page 1 de 3 (23 activités)");
    expect(within(nav).getByRole("button", { name: "Page précédente" })).toHaveAttribute("aria-disabled", "true");
  });

  it("shows every activity with « Afficher toutes les activités »", async () => {
    const api = mockApi({
      list: (url) =>
        url.searchParams.get("all") === "true"
          ? json({ items: activities, page: 1, pageSize: 23, totalItems: 23, totalPages: 1 })
          : page(url),
    });
    const user = userEvent.setup();
    renderWithApp(<ActivityPage />, { path });
    await user.click(await screen.findByRole("button", { name: "Afficher toutes les activités" }));
    await screen.findByText("Toutes les activités (23 activités)");
    expect(rows()).toHaveLength(23);
    const last = api.lists().at(-1);
    expect(last?.searchParams.get("all")).toBe("true");
    expect(last?.searchParams.has("page")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Afficher par page" }));
    await screen.findByText("Page 1 de 3 (23 activités)");
  });

  it("shows the API's message when there are too many activities to show them all", async () => {
    mockApi({
      list: () =>
        problemResponse(400, {
          type: "https://espace.cadastre.gouv.qc.ca/problemes/validation_failed",
          title: "Les données soumises sont invalides.",
          status: 400,
          code: "validation_failed",
          errors: [
            {
              pointer: "/all",
              detail:
                "6 000 activités correspondent à ces filtres; l'affichage complet est limité à 5 000. Précisez les filtres ou exportez le suivi en Excel ou en PDF.",
            },
          ],
        }),
    });
    renderWithApp(<ActivityPage />, { path: `${path}?all=true` });
    const detail = await screen.findByText(/l'affichage complet est limité à 5 000/);
    expect(detail.closest("[role=alert]")).toHaveTextContent(
      "Les données soumises sont invalides.6 000 activités correspondent à ces filtres; l'affichage complet est limité à 5 000. Précisez les filtres ou exportez le suivi en Excel ou en PDF.",
    );
    expect(screen.getByRole("button", { name: "Afficher par page" })).toBeInTheDocument();
  });

  it("sorts on every header and says so with aria-sort", async () => {
    const api = mockApi();
    const user = userEvent.setup();
    renderWithApp(<ActivityPage />, { path: `${path}?page=2` });
    await screen.findByText("Page 2 de 3 (23 activités)");
    const header = (name: string) => screen.getByRole("columnheader", { name: new RegExp(`^${name}`) });
    expect(header("Date activité")).toHaveAttribute("aria-sort", "descending");
    for (const name of ["No Dossier", "Activité", "Réalisée par", "Réalisée pour"])
      expect(header(name)).toHaveAttribute("aria-sort", "none");

    await user.click(screen.getByRole("button", { name: /^Date activité/ }));
    await waitFor(() => expect(header("Date activité")).toHaveAttribute("aria-sort", "ascending"));
    let last = api.lists().at(-1);
    expect(last?.searchParams.get("sort")).toBe("date");
    expect(last?.searchParams.get("order")).toBe("asc");
    expect(last?.searchParams.get("page")).toBe("1");
    expect(screen.getByRole("button", { name: /^Date activité/ })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: /^Date activité/ }));
    await waitFor(() => expect(header("Date activité")).toHaveAttribute("aria-sort", "descending"));

    await user.click(screen.getByRole("button", { name: /^Réalisée par/ }));
    await waitFor(() => expect(header("Réalisée par")).toHaveAttribute("aria-sort", "ascending"));
    expect(header("Date activité")).toHaveAttribute("aria-sort", "none");
    last = api.lists().at(-1);
    expect(last?.searchParams.get("sort")).toBe("actor");
    expect(last?.searchParams.get("order")).toBe("asc");
    expect(screen.getByRole("table")).toHaveAccessibleName(/triées par Réalisée par, ordre croissant/);
  });

  it("filters by date, dossier, activity, actor and principal", async () => {
    const api = mockApi();
    const user = userEvent.setup();
    renderWithApp(<ActivityPage />, { path: `${path}?page=3` });
    await screen.findByText("Page 3 de 3 (23 activités)");
    await screen.findByRole("option", { name: "Édith Descartes" });

    await user.type(screen.getByLabelText("Du"), "2020-10-01");
    await user.type(screen.getByLabelText("Au"), "2020-10-14");
    await user.type(screen.getByLabelText("No Dossier"), "1096");
    await user.click(screen.getByRole("checkbox", { name: "Commande de produits cadastraux" }));
    await user.selectOptions(screen.getByLabelText("Réalisée par"), "Édith Descartes");
    await user.selectOptions(screen.getByLabelText("Réalisée pour"), "Jean Piette (5003)");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));

    await waitFor(() => expect(api.lists().at(-1)?.searchParams.get("actor")).toBe(edith.userId));
    const last = api.lists().at(-1);
    expect(last?.searchParams.get("from")).toBe("2020-10-01");
    expect(last?.searchParams.get("to")).toBe("2020-10-14");
    expect(last?.searchParams.get("dossier")).toBe("1096");
    expect(last?.searchParams.getAll("type")).toEqual(["product_order"]);
    expect(last?.searchParams.get("principal")).toBe(jean.userId);
    expect(last?.searchParams.get("page")).toBe("1");

    await user.click(screen.getByRole("button", { name: "Effacer les filtres" }));
    await waitFor(() => expect(api.lists().at(-1)?.searchParams.has("actor")).toBe(false));
    expect(screen.getByLabelText("Réalisée par")).toHaveValue("");
    expect(screen.getByLabelText("No Dossier")).toHaveValue("");
  });

  it("checks the filters before calling the API", async () => {
    const api = mockApi();
    const user = userEvent.setup();
    renderWithApp(<ActivityPage />, { path });
    await screen.findByText("Page 1 de 3 (23 activités)");
    const calls = api.lists().length;
    await user.type(screen.getByLabelText("No Dossier"), "10a");
    await user.type(screen.getByLabelText("Du"), "2020-10-14");
    await user.type(screen.getByLabelText("Au"), "2020-10-01");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(screen.getByLabelText("Au")).toHaveAccessibleDescription("La date de fin précède la date de début.");
    expect(screen.getByLabelText("Au")).toHaveFocus();
    expect(screen.getByLabelText(/^No Dossier/)).toHaveAttribute("aria-invalid", "true");
    expect(api.lists()).toHaveLength(calls);
  });

  it("shows the empty state", async () => {
    mockApi({ list: () => json({ items: [], page: 1, pageSize: 10, totalItems: 0, totalPages: 0 }) });
    renderWithApp(<ActivityPage />, { path });
    expect(await screen.findByText("Aucune activité à afficher")).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Pagination du suivi des activités" })).not.toBeInTheDocument();
  });

  it("downloads exactly the filtered, sorted view under the server's file name", async () => {
    const api = mockApi({
      export: () =>
        new Response(new TextEncoder().encode("PK"), {
          status: 200,
          headers: {
            "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Content-Disposition": `attachment; filename="suivi-des-activites-2020-10-14.xlsx"; filename*=UTF-8''suivi-des-activit%C3%A9s-2020-10-14.xlsx`,
          },
        }),
    });
    const createObjectURL = vi.fn((_blob: Blob) => "blob:http://localhost/fichier");
    vi.stubGlobal(
      "URL",
      class extends URL {
        static override createObjectURL = createObjectURL;
        static override revokeObjectURL = vi.fn();
      },
    );
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const user = userEvent.setup();
    const query = `from=2020-10-01&type=lot_reservation&type=product_order&actor=${edith.userId}&sort=date&order=asc&page=2`;
    renderWithApp(<ActivityPage />, { path: `${path}?${query}` });
    await screen.findByText(/^Page 2 de/);

    await user.click(screen.getByRole("button", { name: "Télécharger en Excel" }));
    await screen.findByText("Le fichier suivi-des-activités-2020-10-14.xlsx a été téléchargé.");
    const request = api.exports()[0];
    expect(request?.searchParams.get("format")).toBe("xlsx");
    const list = api.lists().at(-1);
    for (const name of ["from", "actor", "sort", "order"])
      expect(request?.searchParams.get(name), name).toBe(list?.searchParams.get(name));
    expect(request?.searchParams.getAll("type")).toEqual(["lot_reservation", "product_order"]);
    expect(request?.searchParams.has("page")).toBe(false);
    expect(request?.searchParams.has("pageSize")).toBe(false);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked[0]?.download).toBe("suivi-des-activités-2020-10-14.xlsx");
    expect(clicked[0]?.href).toBe("blob:http://localhost/fichier");
    expect(clicked[0]?.isConnected).toBe(false);
  });

  it("shows progress, then a readable French error when the export fails", async () => {
    let answer: (response: Response) => void = () => undefined;
    mockApi({ export: () => new Promise<Response>((resolve) => (answer = resolve)) });
    const user = userEvent.setup();
    renderWithApp(<ActivityPage />, { path });
    await screen.findByText("Page 1 de 3 (23 activités)");

    const pdf = screen.getByRole("button", { name: "Télécharger en PDF" });
    await user.click(pdf);
    expect(await screen.findByText("Préparation du fichier PDF en cours…")).toBeInTheDocument();
    expect(pdf).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("button", { name: "Télécharger en Excel" })).toHaveAttribute("aria-disabled", "true");

    answer(
      problemResponse(503, {
        type: "https://espace.cadastre.gouv.qc.ca/problemes/unavailable",
        title: "Le service est momentanément indisponible.",
        status: 503,
        code: "unavailable",
      }),
    );
    const alert = await screen.findByText("Le téléchargement a échoué.");
    expect(alert.closest("[role=alert]")).toHaveTextContent("Le service est momentanément indisponible.");
    expect(pdf).not.toHaveAttribute("aria-busy");
    expect(screen.queryByText("Préparation du fichier PDF en cours…")).not.toBeInTheDocument();
  });

  it("is complete in English", async () => {
    mockApi();
    renderWithApp(<ActivityPage />, { path: `${path}?page=2`, locale: "en-CA" });
    await screen.findByText("Page 2 of 3 (23 activities)");
    expect(screen.getByRole("heading", { level: 1, name: "Activity tracking" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Download as Excel" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show all activities" })).toBeInTheDocument();
    expect(rows()[0]?.[2]).toBe("Reservation of lots and complementary plans in TR");
    expect(rows()[1]?.[2]).toBe("Cadastral products order");
    expect(await screen.findByRole("checkbox", { name: "Delegate added" })).toBeInTheDocument();
  });
});
