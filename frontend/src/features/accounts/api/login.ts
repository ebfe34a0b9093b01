import { useMutation } from "@tanstack/react-query";
import { api, refreshTransport, session } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type LoginRequest = components["schemas"]["LoginRequest"];

/** Opens a session; the refresh token stays in the HttpOnly cookie, the access token in memory. */
export async function login(body: LoginRequest): Promise<void> {
  const tokens = expectData(await api.POST("/api/v1/auth/login", { params: { header: refreshTransport }, body }));
  session.signIn(tokens);
}

export function useLogin() {
  return useMutation({ mutationFn: login });
}
