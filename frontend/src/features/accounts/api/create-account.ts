import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type SignUpRequest = components["schemas"]["SignUpRequest"];
export type User = components["schemas"]["User"];

export async function createAccount(body: SignUpRequest): Promise<User> {
  return expectData(await api.POST("/api/v1/accounts", { body }));
}

export function useCreateAccount() {
  return useMutation({ mutationFn: createAccount });
}
