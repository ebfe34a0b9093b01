import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { useMutationRefreshing } from "@/lib/api/mutations";
import type { Surveyor } from "./list-surveyors";
import { adminKeys } from "./keys";

export type GrantSurveyorRequest = components["schemas"]["GrantSurveyorRequest"];

/** « Accorder le statut » d'arpenteur-géomètre to an existing user, with their matricule. */
export async function grantSurveyor(body: GrantSurveyorRequest): Promise<Surveyor> {
  return expectData(await api.POST("/api/v1/admin/surveyors", { body }));
}

export function useGrantSurveyor() {
  return useMutationRefreshing(grantSurveyor, adminKeys.surveyors);
}
