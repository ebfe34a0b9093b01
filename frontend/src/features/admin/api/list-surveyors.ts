import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { adminKeys } from "./keys";

export type Surveyor = components["schemas"]["Surveyor"];

/** Arpenteurs-géomètres inscrits, by matricule (administrator). */
export async function listSurveyors(): Promise<Surveyor[]> {
  return expectData(await api.GET("/api/v1/admin/surveyors"));
}

export function useSurveyors() {
  return useQuery({ queryKey: adminKeys.surveyors, queryFn: listSurveyors });
}
