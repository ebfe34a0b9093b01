import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema.gen";
import { servicesKeys } from "./keys";
import { expectPage, usePrincipalPage } from "./page";

export type DmDeposit = components["schemas"]["DmDeposit"];
export type DmDepositPage = components["schemas"]["DmDepositPage"];

/** The surveyor's own deposits (surveyor acting in their own name only). */
export async function listDmDeposits(page: number): Promise<DmDepositPage> {
  return expectPage(await api.GET("/api/v1/dm-deposits", { params: { query: { page } } }));
}

export function useDmDeposits(page: number) {
  return usePrincipalPage(servicesKeys.dmDeposits, listDmDeposits, page, { keepPrevious: false });
}
