import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type PasswordResetRequestRequest = components["schemas"]["PasswordResetRequestRequest"];

/** A username has no "@" (see the Username pattern), so the one field can hold either. */
export function resetRequestFor(identifier: string): PasswordResetRequestRequest {
  const value = identifier.trim();
  return value.includes("@") ? { email: value } : { username: value };
}

export async function requestPasswordReset(body: PasswordResetRequestRequest): Promise<string> {
  return expectData(await api.POST("/api/v1/auth/password-reset-requests", { body })).message;
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
