import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type DelegateCandidate = components["schemas"]["DelegateCandidate"];

/** Search by username or by e-mail address (exact match, case aside). */
export interface CandidateSearch {
  by: "username" | "email";
  value: string;
}

/** « Rechercher » of « Ajouter délégataire »: the one user matching exactly, or null. */
export async function searchDelegateCandidate(search: CandidateSearch): Promise<DelegateCandidate | null> {
  const query = search.by === "username" ? { username: search.value } : { email: search.value };
  const found = expectData(await api.GET("/api/v1/delegate-candidates", { params: { query } }));
  return found[0] ?? null;
}

/**
 * A search is an action of the user (each one counts against the server's rate limit), not data
 * to keep in cache: it runs when Rechercher is clicked, never again by itself.
 */
export function useSearchDelegateCandidate() {
  return useMutation({ mutationFn: searchDelegateCandidate });
}
