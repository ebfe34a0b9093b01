/** Textes de la fonctionnalité « services » (français, langue de référence). */
export const servicesFr = {} as const satisfies Record<string, string>;
