import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  fileNameFromContentDisposition,
  type ActivityFilterValues,
  type ActivityPage,
  type ExportActivitiesQuery,
  type ExportedFile,
  type ListActivitiesQuery,
} from "@/components/activity-table";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import { adminKeys } from "./keys";

/** GET /api/v1/admin/activities: one page (or, with all, the whole view) of the administration journal. */
export async function listAdminActivities(query: ListActivitiesQuery): Promise<ActivityPage> {
  return expectData(await api.GET("/api/v1/admin/activities", { params: { query } }));
}

/** The journal's rows; the previous page stays on screen while the next one loads. */
export function useAdminActivities(query: ListActivitiesQuery) {
  return useQuery({
    queryKey: [...adminKeys.activities, query],
    queryFn: () => listAdminActivities(query),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/v1/admin/activities/export: the journal's filtered, sorted view as an Excel or PDF file. */
export async function exportAdminActivities(query: ExportActivitiesQuery): Promise<ExportedFile> {
  const result = await api.GET("/api/v1/admin/activities/export", { params: { query }, parseAs: "blob" });
  const blob = expectData(result);
  const fileName =
    fileNameFromContentDisposition(result.response.headers.get("Content-Disposition")) ??
    `journal-d-administration.${query.format}`;
  return { blob, fileName };
}

/**
 * GET /api/v1/admin/activity-filters: the journal's activity types, and everyone it names as
 * « Réalisée par » or « Réalisée pour », whichever page is on screen.
 */
export async function getAdminActivityFilters(): Promise<ActivityFilterValues> {
  return expectData(await api.GET("/api/v1/admin/activity-filters"));
}

export function useAdminActivityFilters() {
  return useQuery({ queryKey: adminKeys.activityFilters, queryFn: getAdminActivityFilters, staleTime: 60_000 });
}
