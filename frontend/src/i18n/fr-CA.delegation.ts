/** Textes de la fonctionnalité « delegation » (français, langue de référence). */
export const delegationFr = {} as const satisfies Record<string, string>;
