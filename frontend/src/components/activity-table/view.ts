/**
 * The state of an activity table (« Suivi des activités », « Journal d'administration »), kept in the URL search params so a reload,
 * the back button or a shared link show the same view, and its mapping to the API queries.
 * The URL uses the API's own parameter names; defaults are left out.
 */
import { isIsoDate } from "@/lib/dates";
import type { ExportActivitiesQuery, ExportFormat } from "./types";
import type { ActivityOrder, ActivitySort, ActivityType, ListActivitiesQuery } from "./types";

export interface ActivityFilters {
  from?: string;
  to?: string;
  dossier?: string;
  types: ActivityType[];
  actor?: string;
  principal?: string;
}

export interface ActivityView {
  filters: ActivityFilters;
  sort: ActivitySort;
  order: ActivityOrder;
  page: number;
  pageSize: number;
  /** « Afficher toutes les activités » */
  all: boolean;
}

export const defaultSort: ActivitySort = "date";
export const defaultOrder: ActivityOrder = "desc";
export const defaultPageSize = 10;
export const maxPageSize = 100;
export const pageSizes: readonly number[] = [10, 25, 50, 100];

// Records keyed by the generated unions: the compiler rejects a missing or unknown value.
const sortFields: Record<ActivitySort, true> = {
  date: true,
  dossier: true,
  activity: true,
  actor: true,
  principal: true,
};
const orders: Record<ActivityOrder, true> = { asc: true, desc: true };
/** The types of the users' log (« Suivi des activités »); the administration journal's are no filter of it. */
export const userActivityTypes: readonly ActivityType[] = [
  "delegate_added",
  "delegate_removed",
  "delegation_renounced",
  "dossier_viewed",
  "lot_reservation",
  "lot_correction_check",
  "product_order",
  "closing_date_extension",
  "dm_prevalidation",
  "dm_deposit",
  "delegation_modified",
  "delegation_expired",
];

// Keyed by the generated union: the compiler rejects an unknown type.
const adminTypes: Partial<Record<ActivityType, true>> = {
  account_created: true,
  administrator_named: true,
  surveyor_granted: true,
  surveyor_withdrawn: true,
  dossier_opened: true,
  message_posted: true,
  communique_posted: true,
};

/** The types of the administration journal (§13). */
export const adminActivityTypes = Object.keys(adminTypes) as ActivityType[];

/** The columns of the table, in order; each one sorts. */
export const sortColumns = Object.keys(sortFields).filter(isSortField);

export function isSortField(value: string): value is ActivitySort {
  return Object.hasOwn(sortFields, value);
}

export function isOrder(value: string): value is ActivityOrder {
  return Object.hasOwn(orders, value);
}

/** A type of the given table (the users' log unless told). */
export function isActivityType(
  value: string,
  types: readonly ActivityType[] = userActivityTypes,
): value is ActivityType {
  return (types as readonly string[]).includes(value);
}

const dossierPattern = /^[0-9]{1,7}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isDossierSearch(value: string): boolean {
  return dossierPattern.test(value);
}

function positiveInt(raw: string | null): number | null {
  if (raw === null || !/^\d{1,6}$/.test(raw)) return null;
  const value = Number.parseInt(raw, 10);
  return value >= 1 ? value : null;
}

function optional(raw: string | null, valid: (value: string) => boolean): string | undefined {
  return raw !== null && valid(raw) ? raw : undefined;
}

export const emptyFilters: ActivityFilters = { types: [] };

/**
 * Reads the view from the URL; a value that is not valid (edited by hand) is ignored, so is a
 * type that is not one of the table's.
 */
export function parseView(
  params: URLSearchParams,
  tableTypes: readonly ActivityType[] = userActivityTypes,
): ActivityView {
  const types = [...new Set(params.getAll("type").filter((type) => isActivityType(type, tableTypes)))];
  const sort = params.get("sort");
  const order = params.get("order");
  const pageSize = positiveInt(params.get("pageSize"));
  return {
    filters: {
      from: optional(params.get("from"), isIsoDate),
      to: optional(params.get("to"), isIsoDate),
      dossier: optional(params.get("dossier"), isDossierSearch),
      types,
      actor: optional(params.get("actor"), (value) => uuidPattern.test(value)),
      principal: optional(params.get("principal"), (value) => uuidPattern.test(value)),
    },
    sort: sort !== null && isSortField(sort) ? sort : defaultSort,
    order: order !== null && isOrder(order) ? order : defaultOrder,
    page: positiveInt(params.get("page")) ?? 1,
    pageSize: pageSize !== null && pageSize <= maxPageSize ? pageSize : defaultPageSize,
    all: params.get("all") === "true",
  };
}

/** Writes the view to search params, in a stable order, leaving defaults out. */
export function viewToSearchParams(view: ActivityView): URLSearchParams {
  const params = new URLSearchParams();
  const { from, to, dossier, types, actor, principal } = view.filters;
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  if (dossier) params.set("dossier", dossier);
  for (const type of types) params.append("type", type);
  if (actor) params.set("actor", actor);
  if (principal) params.set("principal", principal);
  if (view.sort !== defaultSort) params.set("sort", view.sort);
  if (view.order !== defaultOrder) params.set("order", view.order);
  if (view.all) {
    params.set("all", "true");
  } else {
    if (view.page !== 1) params.set("page", String(view.page));
  }
  if (view.pageSize !== defaultPageSize) params.set("pageSize", String(view.pageSize));
  return params;
}

/** The filters and sort, as both GET /activities (or /admin/activities) and its export take them. */
function filterQuery(view: ActivityView): Omit<ExportActivitiesQuery, "format"> {
  const { from, to, dossier, types, actor, principal } = view.filters;
  const query: Omit<ExportActivitiesQuery, "format"> = { sort: view.sort, order: view.order };
  if (from) query.from = from;
  if (to) query.to = to;
  if (dossier) query.dossier = dossier;
  if (types.length > 0) query.type = [...types];
  if (actor) query.actor = actor;
  if (principal) query.principal = principal;
  return query;
}

/** GET /api/v1/activities for this view. */
export function viewToListQuery(view: ActivityView): ListActivitiesQuery {
  const query: ListActivitiesQuery = filterQuery(view);
  if (view.all) query.all = true;
  else {
    query.page = view.page;
    query.pageSize = view.pageSize;
  }
  return query;
}

/** GET /api/v1/activities/export for this view: same filters and sort, no paging. */
export function viewToExportQuery(view: ActivityView, format: ExportFormat): ExportActivitiesQuery {
  return { format, ...filterQuery(view) };
}

/** A header click: the sorted column flips its order, another column starts ascending. */
export function toggleSort(view: ActivityView, column: ActivitySort): ActivityView {
  const order: ActivityOrder = view.sort === column ? (view.order === "asc" ? "desc" : "asc") : "asc";
  return { ...view, sort: column, order, page: 1 };
}

/** New filters start from the first page. */
export function withFilters(view: ActivityView, filters: ActivityFilters): ActivityView {
  return { ...view, filters, page: 1 };
}

export function hasFilters(filters: ActivityFilters): boolean {
  return Boolean(
    filters.from || filters.to || filters.dossier || filters.types.length || filters.actor || filters.principal,
  );
}
