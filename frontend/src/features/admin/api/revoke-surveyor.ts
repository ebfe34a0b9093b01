import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import { adminKeys } from "./keys";

/** « Retirer le statut » d'arpenteur-géomètre of the holder of this matricule. */
export async function revokeSurveyor(matricule: string): Promise<void> {
  expectOk(await api.DELETE("/api/v1/admin/surveyors/{matricule}", { params: { path: { matricule } } }));
}

export function useRevokeSurveyor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeSurveyor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.surveyors }),
  });
}
