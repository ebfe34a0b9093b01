import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type Delegate = components["schemas"]["Delegate"];

/** « Gestion des délégataires »: the active délégataires of the surveyor acting for themself. */
export async function listDelegates(): Promise<Delegate[]> {
  return expectData(await api.GET("/api/v1/delegates"));
}

export const delegatesQueryKey = ["delegation", "delegates"] as const;

export const delegatesQueryOptions = queryOptions({
  queryKey: delegatesQueryKey,
  queryFn: listDelegates,
});

export function useDelegates({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...delegatesQueryOptions, enabled });
}
