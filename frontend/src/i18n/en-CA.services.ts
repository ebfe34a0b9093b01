import type { servicesFr } from "./fr-CA.services";

/** English texts of the « services » feature; every French key must be present. */
export const servicesEn: Record<keyof typeof servicesFr, string> = {};
