/**
 * Types of the activity tables: the user's « Suivi des activités » (GET /api/v1/activities) and
 * the « Journal d'administration » (GET /api/v1/admin/activities) take the same parameters and
 * return the same page.
 */
import type { components, operations } from "@/lib/api/schema.gen";

export type Activity = components["schemas"]["Activity"];
export type ActivityPage = components["schemas"]["ActivityPage"];
export type ActivityType = components["schemas"]["ActivityType"];
export type PersonRef = components["schemas"]["PersonRef"];
export type ActivityFilterValues = components["schemas"]["ActivityFilters"];
export type ListActivitiesQuery = NonNullable<operations["listActivities"]["parameters"]["query"]>;
export type ActivitySort = NonNullable<ListActivitiesQuery["sort"]>;
export type ActivityOrder = NonNullable<ListActivitiesQuery["order"]>;
export type ExportActivitiesQuery = operations["exportActivities"]["parameters"]["query"];
export type ExportFormat = ExportActivitiesQuery["format"];

/** A downloaded export, named by the server's Content-Disposition. */
export interface ExportedFile {
  blob: Blob;
  fileName: string;
}
