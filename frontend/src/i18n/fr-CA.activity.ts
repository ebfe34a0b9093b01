/** Textes de la fonctionnalité « activity » (français, langue de référence). */
export const activityFr = {} as const satisfies Record<string, string>;
