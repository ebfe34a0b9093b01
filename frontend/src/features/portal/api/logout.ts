import { useMutation } from "@tanstack/react-query";
import { api, session } from "@/lib/api/client";

/**
 * Quitter: ends the session on the server, then forgets the token whatever the answer
 * (a network failure must not keep the user signed in on this screen).
 */
export async function logout(): Promise<void> {
  try {
    await api.POST("/api/v1/auth/logout");
  } finally {
    session.signOut("logout");
  }
}

export function useLogout() {
  return useMutation({ mutationFn: logout });
}
