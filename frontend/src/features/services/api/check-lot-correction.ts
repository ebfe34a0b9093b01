import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";

export type LotCorrectionCheckRequest = components["schemas"]["LotCorrectionCheckRequest"];
export type LotCorrectionCheck = components["schemas"]["LotCorrectionCheck"];
export type LotCorrectionStatus = components["schemas"]["LotCorrectionResult"]["status"];

/** Vérification de la correction de lots: one verdict per lot. */
export async function checkLotCorrection(body: LotCorrectionCheckRequest): Promise<LotCorrectionCheck> {
  return expectData(await api.POST("/api/v1/lot-correction-checks", { body }));
}

export function useCheckLotCorrection() {
  return useMutation({ mutationFn: checkLotCorrection });
}
