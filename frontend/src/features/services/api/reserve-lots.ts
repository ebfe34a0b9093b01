import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { useMutationRefreshing } from "@/lib/api/mutations";
import type { LotReservation } from "./list-lot-reservations";
import { servicesKeys, usePrincipalId } from "./keys";

export type LotReservationRequest = components["schemas"]["LotReservationRequest"];

/** Réservation de lots et plans complémentaires en TR. */
export async function reserveLots(body: LotReservationRequest): Promise<LotReservation> {
  return expectData(await api.POST("/api/v1/lot-reservations", { body }));
}

export function useReserveLots() {
  const principal = usePrincipalId();
  return useMutationRefreshing(reserveLots, servicesKeys.lotReservations(principal));
}
