/** Links leaving the application (government sites). */
export const externalLinks = {
  quebecPortal: "https://www.quebec.ca/",
  contact: "https://www.quebec.ca/gouvernement/ministere/ressources-naturelles-forets/coordonnees",
  accessibility: "https://www.quebec.ca/accessibilite",
  privacy: "https://www.quebec.ca/politique-de-confidentialite",
} as const;
