/** Paths of the two tabs (French, like the rest of the application). */
export const cadastrePaths = {
  dossiers: "/cadastre",
  dossier: (number: string) => `/cadastre/dossiers/${number}`,
  reservation: "/cadastre/reservation-de-lot",
  correction: "/cadastre/verification-de-lots",
  order: "/cadastre/commande-de-produit",
  prevalidation: "/cadastre/prevalidation",
  deposit: "/cadastre/depot",
  communiques: "/cadastre/communiques",
} as const;

export const arpentagePaths = {
  dossiers: "/arpentage",
  dossier: (number: string) => `/arpentage/dossiers/${number}`,
} as const;

export function dossierPath(kind: "cadastre" | "arpentage", number: string): string {
  return kind === "cadastre" ? cadastrePaths.dossier(number) : arpentagePaths.dossier(number);
}

/** Délégation ▸ Sélection d'un délégant. */
export { delegantSelectionPath } from "@/lib/auth/delegation-not-active";
