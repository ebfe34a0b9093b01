/** Paths of the Administration tab (French, like the rest of the portal). */
export const adminPaths = {
  surveyors: "/administration",
  dossiers: "/administration/dossiers",
  messages: "/administration/messages",
  communiques: "/administration/communiques",
  journal: "/administration/journal",
} as const;

/** Ouvrir un dossier, with the responsible surveyor chosen. */
export function openDossierPath(matricule: string): string {
  return `${adminPaths.dossiers}?${new URLSearchParams({ matricule }).toString()}`;
}

/** Publier un message, on this dossier. */
export function dossierMessagePath(number: string): string {
  return `${adminPaths.messages}?${new URLSearchParams({ dossier: number }).toString()}`;
}
