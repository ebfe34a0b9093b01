import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { DossierMessage } from "./list-dossier-messages";
import { servicesKeys, usePrincipalId } from "./keys";

/** Opening a message reads it for the surveyor, whoever opens it (SPEC §7). */
export async function markDossierMessageRead(number: string, messageId: string): Promise<DossierMessage> {
  return expectData(
    await api.POST("/api/v1/dossiers/{number}/messages/{messageId}/read", {
      params: { path: { number, messageId } },
    }),
  );
}

export function useMarkDossierMessageRead(number: string) {
  const queryClient = useQueryClient();
  const principal = usePrincipalId();
  return useMutation({
    mutationFn: (messageId: string) => markDossierMessageRead(number, messageId),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: servicesKeys.dossierMessages(principal, number) }),
        // The unread counts of the dossier lists change too.
        queryClient.invalidateQueries({ queryKey: servicesKeys.dossiers(principal) }),
      ]);
    },
  });
}
