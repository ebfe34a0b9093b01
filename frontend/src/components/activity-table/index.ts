/**
 * The activity table shared by « Suivi des activités » and the « Journal d'administration »:
 * filters, sortable headers, paging, exports, and the view kept in the URL.
 */
export { ActivityFiltersForm } from "./ActivityFiltersForm";
export { ActivityPagination } from "./ActivityPagination";
export { ActivityPageFrame, ActivityResults } from "./ActivityResults";
export { ActivityTable } from "./ActivityTable";
export { ExportButtons, type ExportLabels } from "./ExportButtons";
export { fileNameFromContentDisposition } from "./content-disposition";
export { problemMessage } from "./problem-message";
export { useActivityView } from "./use-activity-view";
export { useTableHeading } from "./use-table-heading";
export {
  adminActivityTypes,
  hasFilters,
  toggleSort,
  userActivityTypes,
  viewToListQuery,
  withFilters,
  type ActivityView,
} from "./view";
export type * from "./types";
