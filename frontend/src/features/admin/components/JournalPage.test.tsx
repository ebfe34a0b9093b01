import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { components } from "@/lib/api/schema.gen";
import { session } from "@/lib/api/client";
import { callsTo, json, problem } from "@/test/api-mock";
import { admin, page, renderSignedIn } from "../test/render";
import { JournalPage } from "./JournalPage";

type Activity = components["schemas"]["Activity"];
type ActivityFilters = components["schemas"]["ActivityFilters"];

const adminRef = {
  userId: admin.id,
  username: admin.username,
  firstName: admin.firstName,
  lastName: admin.lastName,
  matricule: null,
};
const system = {
  userId: "00000000-0000-4000-8000-000000000001",
  username: "systeme",
  firstName: "Système",
  lastName: "(ligne de commande)",
  matricule: null,
};

/** Another administrator, named by the journal but on none of the pages shown. */
const colleague = {
  userId: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1fad02",
  username: "gtremblay",
  firstName: "Gilles",
  lastName: "Tremblay",
  matricule: null,
};

/** GET /api/v1/admin/activity-filters: the journal's types and everyone it names. */
const journalFilters: ActivityFilters = {
  types: [
    { code: "account_created", label: "Création d'un identifiant" },
    { code: "surveyor_granted", label: "Attribution du statut d'arpenteur-géomètre" },
    { code: "dossier_opened", label: "Ouverture d'un dossier" },
  ],
  actors: [adminRef, colleague, system],
  principals: [adminRef],
};
const filtersRoute = { "GET /api/v1/admin/activity-filters": () => json(journalFilters) };

/** 23 entries, like the guide's « Page 2 de 3 (23 activités) ». */
const entries: Activity[] = Array.from({ length: 23 }, (_, index) => ({
  id: 23 - index,
  occurredAt: new Date(Date.UTC(2026, 10, 28 - index, 17, 5)).toISOString(),
  dossierNumber: index % 2 === 1 ? "8123456" : null,
  type: index % 2 === 0 ? "surveyor_granted" : "dossier_opened",
  label: index % 2 === 0 ? "Attribution du statut d'arpenteur-géomètre" : "Ouverture d'un dossier",
  actor: index === 4 ? system : adminRef,
  principal: adminRef,
  detail: index % 2 === 0 ? `Nadia Ouellet (nouellet${index}), matricule 7${String(index).padStart(5, "0")}` : null,
  channel: "web",
}));

function journalPage(request: Request) {
  const url = new URL(request.url);
  const pageNumber = Number(url.searchParams.get("page") ?? "1");
  const pageSize = Number(url.searchParams.get("pageSize") ?? "10");
  const items = entries.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return json({ items, page: pageNumber, pageSize, totalItems: entries.length, totalPages: 3 });
}

const path = "/administration/journal";

describe("Administration ▸ Journal d'administration", { timeout: 30_000 }, () => {
  afterEach(() => {
    session.signOut("initial");
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("shows the administration journal's rows, with their detail, a page at a time", async () => {
    const { fetch } = renderSignedIn(
      admin,
      { "GET /api/v1/admin/activities": journalPage, ...filtersRoute },
      { routes: page(<JournalPage />), path: `${path}?page=2` },
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Journal d'administration" })).toBeInTheDocument();
    expect(await screen.findByText("Page 2 de 3 (23 activités)")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: /^Journal d'administration/ });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(10);
    const first = within(rows[0] as HTMLElement)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(first).toEqual([
      "2026-11-18 12:05",
      "",
      "Attribution du statut d'arpenteur-géomètre",
      "Administrateur Ministère",
      "Administrateur Ministère",
      "Nadia Ouellet (nouellet10), matricule 700010",
    ]);
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((header) => header.textContent),
    ).toContain("Détail");
    const [request] = callsTo(fetch, "GET", "/api/v1/admin/activities");
    expect(new URL(request?.url ?? "").searchParams.get("page")).toBe("2");
    expect(callsTo(fetch, "GET", "/api/v1/activities")).toHaveLength(0);
    expect(screen.getByRole("navigation", { name: "Pagination du journal d'administration" })).toBeInTheDocument();
  });

  it("offers everyone the journal names in « Réalisée par », not only the people of the page", async () => {
    const { fetch } = renderSignedIn(
      admin,
      { "GET /api/v1/admin/activities": journalPage, ...filtersRoute },
      { routes: page(<JournalPage />), path },
    );
    await screen.findByText("Page 1 de 3 (23 activités)");
    const actors = screen.getByLabelText("Réalisée par");
    await waitFor(() => expect(within(actors).getByRole("option", { name: "Gilles Tremblay" })).toBeInTheDocument());
    expect(within(actors).getByRole("option", { name: "Système (ligne de commande)" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Création d'un identifiant" })).toBeInTheDocument();
    expect(callsTo(fetch, "GET", "/api/v1/admin/activity-filters")).toHaveLength(1);
    expect(callsTo(fetch, "GET", "/api/v1/activity-filters")).toHaveLength(0);
  });

  it("says so when the journal's filter values cannot be loaded", async () => {
    renderSignedIn(
      admin,
      {
        "GET /api/v1/admin/activities": journalPage,
        "GET /api/v1/admin/activity-filters": () =>
          problem(403, { code: "admin_only", title: "Réservé aux administrateurs." }),
      },
      { routes: page(<JournalPage />), path },
    );
    expect(await screen.findByText("Page 1 de 3 (23 activités)")).toBeInTheDocument();
    expect(await screen.findByText("Impossible d'obtenir les valeurs proposées pour les filtres.")).toBeInTheDocument();
  });

  it("offers the administration types and the journal's actors, and sends the filters and the sort to the API", async () => {
    const { fetch } = renderSignedIn(
      admin,
      { "GET /api/v1/admin/activities": journalPage, ...filtersRoute },
      { routes: page(<JournalPage />), path },
    );
    await screen.findByText("Page 1 de 3 (23 activités)");
    const user = userEvent.setup();
    // The journal's types only, and no « Réalisée pour ».
    expect(screen.getByRole("checkbox", { name: "Attribution du statut d'arpenteur-géomètre" })).toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: /Réservation de lots/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Réalisée pour")).not.toBeInTheDocument();

    await user.type(screen.getByLabelText("Du"), "2026-11-01");
    await user.type(screen.getByLabelText("Au"), "2026-11-28");
    await user.type(screen.getByLabelText(/^No Dossier/), "8123");
    await user.click(screen.getByRole("checkbox", { name: "Ouverture d'un dossier" }));
    await user.selectOptions(screen.getByLabelText("Réalisée par"), "Système (ligne de commande)");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    await user.click(await screen.findByRole("button", { name: /^No Dossier/ }));

    await waitFor(() => {
      const last = new URL(callsTo(fetch, "GET", "/api/v1/admin/activities").at(-1)?.url ?? "").searchParams;
      expect(last.get("sort")).toBe("dossier");
    });
    const last = new URL(callsTo(fetch, "GET", "/api/v1/admin/activities").at(-1)?.url ?? "").searchParams;
    expect(last.get("from")).toBe("2026-11-01");
    expect(last.get("to")).toBe("2026-11-28");
    expect(last.get("dossier")).toBe("8123");
    expect(last.getAll("type")).toEqual(["dossier_opened"]);
    expect(last.get("actor")).toBe(system.userId);
    expect(last.get("order")).toBe("asc");
    expect(last.get("page")).toBe("1");
  });

  it("exports exactly the filtered, sorted view of the journal", async () => {
    const { fetch } = renderSignedIn(
      admin,
      {
        "GET /api/v1/admin/activities": journalPage,
        ...filtersRoute,
        "GET /api/v1/admin/activities/export": () =>
          new Response(new TextEncoder().encode("%PDF"), {
            status: 200,
            headers: {
              "Content-Type": "application/pdf",
              "Content-Disposition": `attachment; filename="journal-d-administration-2026-11-29.pdf"`,
            },
          }),
      },
      {
        routes: page(<JournalPage />),
        path: `${path}?from=2026-11-01&type=surveyor_granted&actor=${admin.id}&sort=activity&order=asc&page=2`,
      },
    );
    const createObjectURL = vi.fn((_blob: Blob) => "blob:http://localhost/journal");
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
    await screen.findByText(/^Page 2 de 3/);
    const user = userEvent.setup();
    expect(screen.getByRole("button", { name: "Exporter (Excel)" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Exporter (PDF)" }));
    await screen.findByText("Le fichier journal-d-administration-2026-11-29.pdf a été téléchargé.");

    const [request] = callsTo(fetch, "GET", "/api/v1/admin/activities/export");
    const params = new URL(request?.url ?? "").searchParams;
    expect(params.get("format")).toBe("pdf");
    expect(params.get("from")).toBe("2026-11-01");
    expect(params.getAll("type")).toEqual(["surveyor_granted"]);
    expect(params.get("actor")).toBe(admin.id);
    expect(params.get("sort")).toBe("activity");
    expect(params.get("order")).toBe("asc");
    expect(params.has("page")).toBe(false);
    expect(clicked[0]?.download).toBe("journal-d-administration-2026-11-29.pdf");
  });

  it("is complete in English", async () => {
    renderSignedIn(
      admin,
      { "GET /api/v1/admin/activities": journalPage, ...filtersRoute },
      { routes: page(<JournalPage />), path, locale: "en-CA" },
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Administration log" })).toBeInTheDocument();
    expect(await screen.findByText("Page 1 of 3 (23 activities)")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Export (Excel)" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Land surveyor status granted" })).toBeInTheDocument();
  });
});
