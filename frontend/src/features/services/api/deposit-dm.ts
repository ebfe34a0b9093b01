import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { DmDeposit } from "./list-dm-deposits";
import { dmUpload } from "../lib/upload";
import { servicesKeys, usePrincipalId } from "./keys";

/** Dépôt d'une DM: opens a cadastre dossier. Refused (surveyor_only) to anyone acting for another. */
export async function depositDm(file: File): Promise<DmDeposit> {
  return expectData(
    await api.POST("/api/v1/dm-deposits", {
      body: { file: file.name },
      bodySerializer: () => dmUpload(file),
    }),
  );
}

export function useDepositDm() {
  const queryClient = useQueryClient();
  const principal = usePrincipalId();
  return useMutation({
    mutationFn: depositDm,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: servicesKeys.dmDeposits(principal) }),
        queryClient.invalidateQueries({ queryKey: servicesKeys.dossiers(principal) }),
      ]),
  });
}
