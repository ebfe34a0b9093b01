import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import type { NewMessageRequest } from "./post-dossier-message";

export type Communique = components["schemas"]["Communique"];

/** Publishes a communiqué to every surveyor; each one is alerted by e-mail. */
export async function postCommunique(body: NewMessageRequest): Promise<Communique> {
  return expectData(await api.POST("/api/v1/admin/communiques", { body }));
}

export function usePostCommunique() {
  return useMutation({ mutationFn: postCommunique });
}
