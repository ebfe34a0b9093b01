import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema.gen";
import { servicesKeys, usePrincipalId } from "./keys";
import { expectPage } from "./page";

export type Dossier = components["schemas"]["Dossier"];
export type DossierKind = components["schemas"]["DossierKind"];
export type DossierPage = components["schemas"]["DossierPage"];

export interface DossierQuery {
  kind: DossierKind;
  /** Digits the number contains (1 to 7). */
  number?: string;
  page?: number;
  pageSize?: number;
}

/** Suivi des dossiers: the dossiers of the surveyor acted for, newest first. */
export async function listDossiers(query: DossierQuery): Promise<DossierPage> {
  return expectPage(await api.GET("/api/v1/dossiers", { params: { query } }));
}

export function useDossiers(query: DossierQuery) {
  const principal = usePrincipalId();
  return useQuery({
    queryKey: [...servicesKeys.dossiers(principal), "list", query],
    queryFn: () => listDossiers(query),
    placeholderData: keepPreviousData,
  });
}
