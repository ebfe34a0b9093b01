import type { MessageKey } from "@/i18n";
import { quebecDay } from "@/lib/dates";
import { delegableServices, type DelegableService } from "@/lib/auth/me";

export function serviceLabelKey(service: DelegableService): MessageKey {
  return `delegation.service.${service}`;
}

/** The services in SPEC order, without duplicates. */
export function sortServices(services: readonly DelegableService[]): DelegableService[] {
  return delegableServices.filter((s) => services.includes(s));
}

/** Whether every delegable service is granted (the table then says « Tous les services »). */
export function grantsAll(services: readonly DelegableService[]): boolean {
  return delegableServices.every((s) => services.includes(s));
}

/**
 * The latest end date the API accepts: three years after today in Québec (SPEC §11); the
 * earliest is today, quebecDay().
 */
export function latestEndsOn(now: Date = new Date()): string {
  return quebecDay(now, { months: 36 });
}
