import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { servicesKeys, usePrincipalId } from "./keys";

export type DossierMessage = components["schemas"]["DossierMessage"];

/** Messages of a dossier, newest first, with the surveyor's read state. */
export async function listDossierMessages(number: string): Promise<DossierMessage[]> {
  return expectData(await api.GET("/api/v1/dossiers/{number}/messages", { params: { path: { number } } }));
}

export function useDossierMessages(number: string) {
  const principal = usePrincipalId();
  return useQuery({
    queryKey: servicesKeys.dossierMessages(principal, number),
    queryFn: () => listDossierMessages(number),
  });
}
