import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { Delegate } from "./list-delegates";
import { delegatesQueryKey } from "./list-delegates";

/**
 * « Confirmer délégataire ». The first délégataire needs a recent password change: the API then
 * answers 403 password_change_required.
 */
export async function addDelegate(userId: string): Promise<Delegate> {
  return expectData(await api.POST("/api/v1/delegates", { body: { userId } }));
}

export function useAddDelegate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addDelegate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: delegatesQueryKey }),
  });
}
