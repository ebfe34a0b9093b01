import { describe, expect, it } from "vitest";
import {
  parseView,
  toggleSort,
  viewToExportQuery,
  viewToListQuery,
  viewToSearchParams,
  withFilters,
  type ActivityView,
} from "./view";

const edith = "547621b1-e255-4d16-9ba2-c0bb761b6842";
const jean = "7cd61e3a-3e37-4aeb-82cd-b8937c3fb236";

const full: ActivityView = {
  filters: {
    from: "2020-10-01",
    to: "2020-10-14",
    dossier: "1093",
    types: ["lot_reservation", "product_order"],
    actor: edith,
    principal: jean,
  },
  sort: "actor",
  order: "asc",
  page: 2,
  pageSize: 25,
  all: false,
};

describe("activity view in the URL", () => {
  it("has the defaults when the URL has no parameter", () => {
    expect(parseView(new URLSearchParams())).toEqual({
      filters: { types: [] },
      sort: "date",
      order: "desc",
      page: 1,
      pageSize: 10,
      all: false,
    });
    expect(viewToSearchParams(parseView(new URLSearchParams())).toString()).toBe("");
  });

  it("round-trips filters, sort, order, page and page size", () => {
    const params = viewToSearchParams(full);
    expect(params.toString()).toBe(
      `from=2020-10-01&to=2020-10-14&dossier=1093&type=lot_reservation&type=product_order&actor=${edith}&principal=${jean}&sort=actor&order=asc&page=2&pageSize=25`,
    );
    expect(parseView(new URLSearchParams(params.toString()))).toEqual(full);
  });

  it("round-trips « Afficher toutes les activités »", () => {
    const all = { ...full, all: true, page: 1 };
    const params = viewToSearchParams(all);
    expect(params.get("all")).toBe("true");
    expect(params.has("page")).toBe(false);
    expect(parseView(params)).toEqual(all);
  });

  it("ignores values edited by hand that the API would refuse", () => {
    const view = parseView(
      new URLSearchParams(
        "from=2020-02-30&to=hier&dossier=12ab&type=nope&type=dossier_viewed&type=dossier_viewed&actor=42&principal=x&sort=color&order=up&page=0&pageSize=500&all=1",
      ),
    );
    expect(view).toEqual({
      filters: { types: ["dossier_viewed"] },
      sort: "date",
      order: "desc",
      page: 1,
      pageSize: 10,
      all: false,
    });
  });
});

describe("activity view to API queries", () => {
  it("sends filters, sort and paging to GET /activities", () => {
    expect(viewToListQuery(full)).toEqual({
      from: "2020-10-01",
      to: "2020-10-14",
      dossier: "1093",
      type: ["lot_reservation", "product_order"],
      actor: edith,
      principal: jean,
      sort: "actor",
      order: "asc",
      page: 2,
      pageSize: 25,
    });
  });

  it("asks for everything with all=true, without paging", () => {
    expect(viewToListQuery({ ...full, all: true })).toEqual({
      from: "2020-10-01",
      to: "2020-10-14",
      dossier: "1093",
      type: ["lot_reservation", "product_order"],
      actor: edith,
      principal: jean,
      sort: "actor",
      order: "asc",
      all: true,
    });
  });

  it("leaves empty filters out and always states the sort", () => {
    expect(viewToListQuery(parseView(new URLSearchParams()))).toEqual({
      sort: "date",
      order: "desc",
      page: 1,
      pageSize: 10,
    });
  });

  it("exports the same filters and sort, without paging", () => {
    expect(viewToExportQuery(full, "pdf")).toEqual({
      format: "pdf",
      from: "2020-10-01",
      to: "2020-10-14",
      dossier: "1093",
      type: ["lot_reservation", "product_order"],
      actor: edith,
      principal: jean,
      sort: "actor",
      order: "asc",
    });
    const { page: _page, pageSize: _size, all: _all, ...filtersAndSort } = viewToListQuery({ ...full, all: true });
    expect(viewToExportQuery({ ...full, all: true }, "xlsx")).toEqual({ format: "xlsx", ...filtersAndSort });
  });
});

describe("view changes", () => {
  it("flips the order of the sorted column and starts another column ascending, on page 1", () => {
    const start = parseView(new URLSearchParams("page=3"));
    const dateAsc = toggleSort(start, "date");
    expect(dateAsc).toMatchObject({ sort: "date", order: "asc", page: 1 });
    expect(toggleSort(dateAsc, "date")).toMatchObject({ sort: "date", order: "desc" });
    expect(toggleSort(dateAsc, "principal")).toMatchObject({ sort: "principal", order: "asc" });
  });

  it("goes back to page 1 with new filters", () => {
    expect(withFilters(full, { types: [] })).toMatchObject({ page: 1, filters: { types: [] }, sort: "actor" });
  });
});
