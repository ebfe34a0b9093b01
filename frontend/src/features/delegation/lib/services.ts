import type { MessageKey } from "@/i18n";
import { delegableServices, type DelegableService } from "@/lib/auth/me";

export { delegableServices, type DelegableService };

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

/** Today's date in Québec (YYYY-MM-DD), the earliest end date the API accepts. */
export function quebecToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/Toronto",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The latest end date the API accepts: three years after today (SPEC §11). */
export function latestEndsOn(now: Date = new Date()): string {
  const [y, m, d] = quebecToday(now).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + 3, m - 1, d));
  return date.toISOString().slice(0, 10);
}
