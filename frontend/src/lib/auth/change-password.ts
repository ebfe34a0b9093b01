import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type ChangePasswordRequest = components["schemas"]["ChangePasswordRequest"];

/** The server ends the user's other sessions; this one stays open. */
export async function changePassword(body: ChangePasswordRequest): Promise<void> {
  expectOk(await api.PUT("/api/v1/me/password", { body }));
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
