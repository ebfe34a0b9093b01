import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { operations } from "@/lib/api/schema.gen";
import { fileNameFromContentDisposition } from "../utils/content-disposition";

export type ExportActivitiesQuery = operations["exportActivities"]["parameters"]["query"];
export type ExportFormat = ExportActivitiesQuery["format"];

export interface ExportedFile {
  blob: Blob;
  fileName: string;
}

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

export function useExportActivities() {
  return useMutation({ mutationFn: exportActivities });
}
