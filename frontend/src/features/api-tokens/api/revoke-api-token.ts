import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import { apiTokensQueryKey } from "./list-api-tokens";

/** « Révoquer »: the token no longer works, its access tokens included, from the next request. */
export async function revokeApiToken(tokenId: string): Promise<void> {
  expectOk(await api.DELETE("/api/v1/me/api-tokens/{tokenId}", { params: { path: { tokenId } } }));
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}
