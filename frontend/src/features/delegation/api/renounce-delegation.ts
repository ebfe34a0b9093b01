import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import { meQueryOptions } from "@/lib/auth/me";
import { delegantsQueryKey } from "@/lib/auth/delegants";

/** « Renoncer à cette délégation »: the délégataire ends it; the surveyor is told by e-mail. */
export async function renounceDelegation(delegantId: string): Promise<void> {
  expectOk(await api.DELETE("/api/v1/delegants/{userId}", { params: { path: { userId: delegantId } } }));
}

export function useRenounceDelegation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renounceDelegation,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: delegantsQueryKey }),
        queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey }),
      ]),
  });
}
