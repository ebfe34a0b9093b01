/** The rules of openapi.yaml, checked before sending (the server checks them again). */
export const matriculePattern = /^[0-9]{1,6}$/;
export const dossierNumberPattern = /^[0-9]{7}$/;
export const limits = { username: 64, title: 200, subject: 200, body: 10_000 } as const;
