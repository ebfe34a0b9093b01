import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type CreateDossierRequest = components["schemas"]["CreateDossierRequest"];
export type DossierKind = CreateDossierRequest["kind"];
export type Dossier = components["schemas"]["Dossier"];

/** « Ouvrir un dossier » for a surveyor, who becomes responsible for it. */
export async function createDossier(body: CreateDossierRequest): Promise<Dossier> {
  return expectData(await api.POST("/api/v1/admin/dossiers", { body }));
}

export function useCreateDossier() {
  return useMutation({ mutationFn: createDossier });
}
