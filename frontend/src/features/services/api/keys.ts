import { useMe } from "@/lib/auth/me";

/**
 * Query keys of this feature. Every key starts with the surveyor acted for, so that switching
 * délégant never shows another surveyor's dossiers from the cache.
 */
export const servicesKeys = {
  all: (principal: string) => ["services", principal] as const,
  dossiers: (principal: string) => ["services", principal, "dossiers"] as const,
  dossierMessages: (principal: string, number: string) => ["services", principal, "dossier-messages", number] as const,
  communiques: (principal: string) => ["services", principal, "communiques"] as const,
  lotReservations: (principal: string) => ["services", principal, "lot-reservations"] as const,
  productOrders: (principal: string) => ["services", principal, "product-orders"] as const,
  dmDeposits: (principal: string) => ["services", principal, "dm-deposits"] as const,
};

/** The id of the surveyor acted for ("" while there is none: the services are not shown then). */
export function usePrincipalId(): string {
  return useMe().data?.actingFor?.userId ?? "";
}
