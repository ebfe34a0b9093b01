import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { servicesKeys, usePrincipalId } from "./keys";

export type Communique = components["schemas"]["Communique"];

/** Communiqués to the surveyors, newest first, with the read state of the surveyor acted for. */
export async function listCommuniques(): Promise<Communique[]> {
  return expectData(await api.GET("/api/v1/communiques"));
}

export function useCommuniques() {
  const principal = usePrincipalId();
  return useQuery({ queryKey: servicesKeys.communiques(principal), queryFn: listCommuniques });
}
