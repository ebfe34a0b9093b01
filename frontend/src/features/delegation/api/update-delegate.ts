import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { useMutationRefreshing } from "@/lib/api/mutations";
import type { Delegate } from "./list-delegates";
import { delegatesQueryKey } from "./list-delegates";

export type UpdateDelegateInput = { userId: string; body: components["schemas"]["UpdateDelegateRequest"] };

/**
 * « Modifier »: the services and the end date of a délégataire (SPEC §11); endsOn null removes the
 * date. Granting more asks for a recent authentication (403 reauthentication_required, SPEC §12).
 */
export async function updateDelegate({ userId, body }: UpdateDelegateInput): Promise<Delegate> {
  return expectData(await api.PATCH("/api/v1/delegates/{userId}", { params: { path: { userId } }, body }));
}

export function useUpdateDelegate() {
  return useMutationRefreshing(updateDelegate, delegatesQueryKey);
}
