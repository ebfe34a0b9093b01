import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import { useMutationRefreshing } from "@/lib/api/mutations";
import { adminKeys } from "./keys";

/** « Retirer le statut » d'arpenteur-géomètre of the holder of this matricule. */
export async function revokeSurveyor(matricule: string): Promise<void> {
  expectOk(await api.DELETE("/api/v1/admin/surveyors/{matricule}", { params: { path: { matricule } } }));
}

export function useRevokeSurveyor() {
  return useMutationRefreshing(revokeSurveyor, adminKeys.surveyors);
}
