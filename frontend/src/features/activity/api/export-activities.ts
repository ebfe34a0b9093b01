import {
  fileNameFromContentDisposition,
  type ExportActivitiesQuery,
  type ExportedFile,
} from "@/components/activity-table";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";

/**
 * GET /api/v1/activities/export: the whole filtered, sorted view as an Excel or PDF file.
 * Fetched through the typed client (the bearer token is required), named by Content-Disposition.
 */
export async function exportActivities(query: ExportActivitiesQuery): Promise<ExportedFile> {
  const result = await api.GET("/api/v1/activities/export", { params: { query }, parseAs: "blob" });
  const blob = expectData(result);
  const fileName =
    fileNameFromContentDisposition(result.response.headers.get("Content-Disposition")) ??
    `suivi-des-activites.${query.format}`;
  return { blob, fileName };
}
