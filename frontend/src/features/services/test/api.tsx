import type { ReactNode } from "react";
import type { Me } from "@/lib/auth/me";
import type { Handler } from "@/test/api-mock";
import { actingFor, meOf, pageOf, type Person, type Schema } from "@/test/fixtures";
import { renderSignedIn as renderRoutesSignedIn } from "@/test/render";

export const jeanId = "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5003";
const pierreId = "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1fa001";

const jeanPerson: Person = {
  id: jeanId,
  username: "jpiette",
  email: "jean.piette@exemple.qc.ca",
  firstName: "Jean",
  lastName: "Piette",
  matricule: "5003",
};
const jeanRef = actingFor(jeanPerson);

/** Jean Piette, surveyor 5003, acting for himself. */
export const jean: Me = meOf(jeanPerson);

/** Pierre Quiroule, délégataire of Jean only: acts for him by default. */
export const pierre: Me = meOf(
  {
    id: pierreId,
    username: "pquiroule",
    email: "pierre.quiroule@exemple.qc.ca",
    firstName: "Pierre",
    lastName: "Quiroule",
  },
  { actingFor: jeanRef },
);

export const pierreRef = {
  userId: pierreId,
  username: "pquiroule",
  matricule: null,
  firstName: "Pierre",
  lastName: "Quiroule",
};
export const jeanPersonRef = { ...jeanRef, username: "jpiette" };

/** Dossier 1093112 of Jean, open and read, unless told otherwise. */
export function dossierOf(overrides: Partial<Schema<"Dossier">> = {}): Schema<"Dossier"> {
  return {
    number: "1093112",
    kind: "cadastre",
    title: "Lots 6 123 401 à 6 123 404, Lévis",
    status: "ouvert",
    closingDate: "2027-01-15",
    responsible: jeanPersonRef,
    openedAt: "2026-09-27T11:30:31Z",
    read: true,
    unreadMessages: 0,
    ...overrides,
  };
}

/** A signed-in session whose /me is `me`, and the given page rendered at `path`. */
export function renderSignedIn(
  me: Me,
  routes: Record<string, Handler>,
  { element, path, pattern = "*" }: { element: ReactNode; path: string; pattern?: string },
) {
  return renderRoutesSignedIn(me, routes, { routes: [{ path: pattern, element }], path });
}

export function emptyPage<T>(): ReturnType<typeof pageOf<T>> {
  return pageOf<T>([]);
}
