import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema.gen";
import { servicesKeys } from "./keys";
import { expectPage, usePrincipalPage } from "./page";

export type LotReservation = components["schemas"]["LotReservation"];
export type LotReservationPage = components["schemas"]["LotReservationPage"];

export async function listLotReservations(page: number): Promise<LotReservationPage> {
  return expectPage(await api.GET("/api/v1/lot-reservations", { params: { query: { page } } }));
}

export function useLotReservations(page: number) {
  return usePrincipalPage(servicesKeys.lotReservations, listLotReservations, page, { keepPrevious: true });
}
