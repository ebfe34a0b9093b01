import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { servicesKeys, usePrincipalId } from "./keys";

export type ClosingDateExtensionRequest = components["schemas"]["ClosingDateExtensionRequest"];
export type ClosingDateExtension = components["schemas"]["ClosingDateExtension"];

/** Prolongement de la date de fermeture of a surveying dossier. */
export async function extendClosingDate(
  number: string,
  body: ClosingDateExtensionRequest,
): Promise<ClosingDateExtension> {
  return expectData(
    await api.POST("/api/v1/dossiers/{number}/closing-date-extensions", { params: { path: { number } }, body }),
  );
}

export function useExtendClosingDate(number: string) {
  const queryClient = useQueryClient();
  const principal = usePrincipalId();
  return useMutation({
    mutationFn: (body: ClosingDateExtensionRequest) => extendClosingDate(number, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: servicesKeys.dossiers(principal) }),
  });
}
