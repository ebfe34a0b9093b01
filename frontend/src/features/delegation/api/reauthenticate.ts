import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectOk } from "@/lib/api/errors";

/** « Confirmez votre identité »: the password again, so that granting may go on (SPEC §12). */
export async function reauthenticate(password: string): Promise<void> {
  expectOk(await api.POST("/api/v1/auth/reauthentication", { body: { password } }));
}

export function useReauthenticate() {
  return useMutation({ mutationFn: reauthenticate });
}
