import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type NewMessageRequest = components["schemas"]["NewMessageRequest"];
export type DossierMessage = components["schemas"]["DossierMessage"];

/**
 * Publishes a message on a dossier; the server alerts the responsible surveyor by e-mail
 * (never their délégataires).
 */
export async function postDossierMessage({
  number,
  message,
}: {
  number: string;
  message: NewMessageRequest;
}): Promise<DossierMessage> {
  return expectData(
    await api.POST("/api/v1/admin/dossiers/{number}/messages", { params: { path: { number } }, body: message }),
  );
}

export function usePostDossierMessage() {
  return useMutation({ mutationFn: postDossierMessage });
}
