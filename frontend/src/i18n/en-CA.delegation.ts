import type { delegationFr } from "./fr-CA.delegation";

/** English texts of the « delegation » feature; every French key must be present. */
export const delegationEn: Record<keyof typeof delegationFr, string> = {};
