import type { ReactNode } from "react";
import type { RouteObject } from "react-router";
import type { Me } from "@/lib/auth/me";
import { meOf } from "@/test/fixtures";
import type { Surveyor } from "../api/list-surveyors";

export { renderSignedIn } from "@/test/render";

/** The ministry's administrator of the demo. */
export const admin: Me = meOf(
  {
    id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1fad01",
    username: "admin",
    email: "admin@cadastre.gouv.qc.ca",
    firstName: "Administrateur",
    lastName: "Ministère",
  },
  { isAdmin: true },
);

/** Jean Piette, surveyor 5003 (acting for himself, with every service, §11): not an administrator. */
export const jean: Me = meOf({
  id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5003",
  username: "jpiette",
  email: "jean.piette@exemple.qc.ca",
  firstName: "Jean",
  lastName: "Piette",
  matricule: "5003",
});

export const surveyors: Surveyor[] = [
  {
    userId: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5001",
    username: "clavoie",
    firstName: "Claire",
    lastName: "Lavoie",
    email: "claire.lavoie@exemple.qc.ca",
    matricule: "5001",
    grantedAt: "2020-01-15T15:00:00Z",
  },
  {
    userId: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5002",
    username: "aproviste",
    firstName: "Alain",
    lastName: "Proviste",
    email: "alain.proviste@exemple.qc.ca",
    matricule: "5002",
    grantedAt: "2020-02-15T15:00:00Z",
  },
  {
    userId: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5003",
    username: "jpiette",
    firstName: "Jean",
    lastName: "Piette",
    email: "jean.piette@exemple.qc.ca",
    matricule: "5003",
    grantedAt: "2020-03-15T15:00:00Z",
  },
  {
    userId: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5004",
    username: "etrepanier",
    firstName: "Édith",
    lastName: "Trépanier",
    email: "edith.trepanier@exemple.qc.ca",
    matricule: "15004",
    grantedAt: "2020-04-15T15:00:00Z",
  },
];

/** Only the element, at any path. */
export function page(element: ReactNode): RouteObject[] {
  return [{ path: "*", element }];
}
