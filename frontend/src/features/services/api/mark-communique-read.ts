import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import { useMutationRefreshing } from "@/lib/api/mutations";
import type { Communique } from "./list-communiques";
import { servicesKeys, usePrincipalId } from "./keys";

export async function markCommuniqueRead(communiqueId: string): Promise<Communique> {
  return expectData(await api.POST("/api/v1/communiques/{communiqueId}/read", { params: { path: { communiqueId } } }));
}

export function useMarkCommuniqueRead() {
  const principal = usePrincipalId();
  return useMutationRefreshing(markCommuniqueRead, servicesKeys.communiques(principal));
}
