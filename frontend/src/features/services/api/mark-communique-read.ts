import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { Communique } from "./list-communiques";
import { servicesKeys, usePrincipalId } from "./keys";

export async function markCommuniqueRead(communiqueId: string): Promise<Communique> {
  return expectData(await api.POST("/api/v1/communiques/{communiqueId}/read", { params: { path: { communiqueId } } }));
}

export function useMarkCommuniqueRead() {
  const queryClient = useQueryClient();
  const principal = usePrincipalId();
  return useMutation({
    mutationFn: markCommuniqueRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: servicesKeys.communiques(principal) }),
  });
}
