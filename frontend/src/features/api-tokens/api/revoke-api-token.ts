import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import { useMutationRefreshing } from "@/lib/api/mutations";
import { apiTokensQueryKey } from "./list-api-tokens";

/** « Révoquer »: the token no longer works, its access tokens included, from the next request. */
export async function revokeApiToken(tokenId: string): Promise<void> {
  expectOk(await api.DELETE("/api/v1/me/api-tokens/{tokenId}", { params: { path: { tokenId } } }));
}

export function useRevokeApiToken() {
  return useMutationRefreshing(revokeApiToken, apiTokensQueryKey);
}
