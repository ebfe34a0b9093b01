import type { activityFr } from "./fr-CA.activity";

/** English texts of the « activity » feature; every French key must be present. */
export const activityEn: Record<keyof typeof activityFr, string> = {};
