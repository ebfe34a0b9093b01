import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { useSession } from "./use-session";

export type Me = components["schemas"]["Me"];

export async function getMe(): Promise<Me> {
  return expectData(await api.GET("/api/v1/me"));
}

export const meQueryOptions = queryOptions({
  queryKey: ["me"],
  queryFn: getMe,
  staleTime: 60_000,
});

/** The signed-in user; idle while there is no session. */
export function useMe() {
  const { status } = useSession();
  return useQuery({ ...meQueryOptions, enabled: status === "authenticated" });
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/**
 * Where a user lands after login: a délégataire of several surveyors must first pick one
 * (Délégation ▸ Sélection d'un délégant); everyone else starts with Cadastre.
 */
export function homePath(me: Pick<Me, "mustSelectDelegant">): string {
  return me.mustSelectDelegant ? "/delegation" : "/cadastre";
}

export type DelegableService = components["schemas"]["DelegableService"];

/** The delegable services of SPEC §3, in its order (dépôt d'une DM is never delegated). */
export const delegableServices: readonly DelegableService[] = [
  "lot_reservation",
  "lot_correction_check",
  "cadastre_dossiers",
  "survey_dossiers",
  "product_order",
  "dm_prevalidation",
];

/**
 * Whether the surveyor acted for granted this service (SPEC §11; every service for a surveyor
 * acting for themself). The SPA shows only the granted tabs; the API refuses the others.
 */
export function grants(me: Pick<Me, "actingFor">, service: DelegableService): boolean {
  return me.actingFor?.services.includes(service) ?? false;
}
