import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import { useMutationRefreshing } from "@/lib/api/mutations";
import { delegatesQueryKey } from "./list-delegates";

/** « Supprimer »: the delegation ends at once, tokens already issued included. */
export async function removeDelegate(userId: string): Promise<void> {
  expectOk(await api.DELETE("/api/v1/delegates/{userId}", { params: { path: { userId } } }));
}

export function useRemoveDelegate() {
  return useMutationRefreshing(removeDelegate, delegatesQueryKey);
}
