import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type PasswordResetRequest = components["schemas"]["PasswordResetRequest"];

export async function resetPassword(body: PasswordResetRequest): Promise<void> {
  expectOk(await api.POST("/api/v1/auth/password-resets", { body }));
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword });
}
