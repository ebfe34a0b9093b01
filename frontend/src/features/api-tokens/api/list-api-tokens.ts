import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type ApiToken = components["schemas"]["ApiToken"];

/** « Jetons d'intégration »: the user's tokens, never their secrets. */
export async function listApiTokens(): Promise<ApiToken[]> {
  return expectData(await api.GET("/api/v1/me/api-tokens"));
}

export const apiTokensQueryKey = ["me", "api-tokens"] as const;

export function useApiTokens() {
  return useQuery({ queryKey: apiTokensQueryKey, queryFn: listApiTokens });
}
