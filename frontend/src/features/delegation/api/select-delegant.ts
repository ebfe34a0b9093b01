import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, refreshTransport, session } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import { meQueryOptions } from "@/lib/auth/me";
import { delegantsQueryKey } from "@/lib/auth/delegants";

/**
 * « Appliquer » of « Sélection d'un délégant »: the same session gets a new access token whose
 * acting-for claim names the chosen surveyor (and a new refresh cookie, the old one being retired).
 */
export async function selectDelegant(delegantId: string): Promise<void> {
  const tokens = expectData(
    await api.POST("/api/v1/auth/acting-for", { params: { header: refreshTransport }, body: { delegantId } }),
  );
  session.signIn(tokens);
}

/**
 * The principal changed: what was loaded for the previous surveyor must not be shown any more.
 * Those queries are reset (active ones load again); the user and the délégants are refetched
 * in place, so the page stays on screen.
 */
export async function afterPrincipalChange(queryClient: QueryClient): Promise<void> {
  const kept = (key: readonly unknown[]) =>
    key[0] === meQueryOptions.queryKey[0] || (key[0] === delegantsQueryKey[0] && key[1] === delegantsQueryKey[1]);
  await Promise.all([
    queryClient.resetQueries({ predicate: (query) => !kept(query.queryKey) }),
    queryClient.invalidateQueries({ predicate: (query) => kept(query.queryKey) }),
  ]);
}

export function useSelectDelegant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: selectDelegant,
    onSuccess: () => afterPrincipalChange(queryClient),
    // A refusal here (delegation_not_active) is shown by the page itself.
    meta: { handlesDelegationNotActive: true },
  });
}
