import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { useMutationRefreshing } from "@/lib/api/mutations";
import { apiTokensQueryKey } from "./list-api-tokens";

export type NewApiToken = components["schemas"]["NewApiToken"];
export type CreateApiTokenInput = components["schemas"]["CreateApiTokenRequest"];

/** Creates a token; the answer holds its secret, this once. */
export async function createApiToken(body: CreateApiTokenInput): Promise<NewApiToken> {
  return expectData(await api.POST("/api/v1/me/api-tokens", { body }));
}

export function useCreateApiToken() {
  return useMutationRefreshing(createApiToken, apiTokensQueryKey);
}
