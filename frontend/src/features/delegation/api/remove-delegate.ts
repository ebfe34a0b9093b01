import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import { delegatesQueryKey } from "./list-delegates";

/** « Supprimer »: the delegation ends at once, tokens already issued included. */
export async function removeDelegate(userId: string): Promise<void> {
  expectOk(await api.DELETE("/api/v1/delegates/{userId}", { params: { path: { userId } } }));
}

export function useRemoveDelegate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeDelegate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: delegatesQueryKey }),
  });
}
