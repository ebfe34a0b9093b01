import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { Dossier } from "./list-dossiers";
import { servicesKeys, usePrincipalId } from "./keys";

/** One dossier; opening it marks it read for the surveyor (SPEC §7). */
export async function getDossier(number: string): Promise<Dossier> {
  return expectData(await api.GET("/api/v1/dossiers/{number}", { params: { path: { number } } }));
}

export function useDossier(number: string) {
  const principal = usePrincipalId();
  return useQuery({
    queryKey: [...servicesKeys.dossiers(principal), "detail", number],
    queryFn: () => getDossier(number),
  });
}
