import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { useMutationRefreshing } from "@/lib/api/mutations";
import type { Delegate } from "./list-delegates";
import { delegatesQueryKey } from "./list-delegates";

export type AddDelegateInput = components["schemas"]["AddDelegateRequest"];

/**
 * « Confirmer délégataire », with the services granted and an optional last day (SPEC §11). The
 * first délégataire needs a recent password change (403 password_change_required); every addition
 * needs a recent authentication (403 reauthentication_required, SPEC §12).
 */
export async function addDelegate(body: AddDelegateInput): Promise<Delegate> {
  return expectData(await api.POST("/api/v1/delegates", { body }));
}

export function useAddDelegate() {
  return useMutationRefreshing(addDelegate, delegatesQueryKey);
}
