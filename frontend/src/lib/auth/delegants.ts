import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type Delegant = components["schemas"]["Delegant"];

/**
 * The surveyors the user may act for: themself first when a surveyor (self: true), then their
 * délégants by matricule. Like /me, the portal frame needs it (to tell a user nobody delegated
 * to from one whose délégant just ended the delegation), so it lives here.
 */
export async function listDelegants(): Promise<Delegant[]> {
  return expectData(await api.GET("/api/v1/delegants"));
}

export const delegantsQueryKey = ["delegation", "delegants"] as const;

export const delegantsQueryOptions = queryOptions({
  queryKey: delegantsQueryKey,
  queryFn: listDelegants,
  // A délégant may end the delegation at any time: ask again whenever a page needs the list.
  staleTime: 0,
});

export function useDelegants({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...delegantsQueryOptions, enabled });
}
