import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import { AppProviders, createQueryClient } from "@/app/providers";
import type { Locale } from "@/i18n";
import { session } from "@/lib/api/client";
import type { Me } from "@/lib/auth/me";
import { json, mockApi, type Handler } from "@/test/api-mock";
import type { Surveyor } from "../api/list-surveyors";

/** The ministry's administrator of the demo. */
export const admin: Me = {
  id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1fad01",
  username: "admin",
  email: "admin@cadastre.gouv.qc.ca",
  firstName: "Administrateur",
  lastName: "Ministère",
  surveyor: null,
  actingFor: null,
  mustSelectDelegant: false,
  isAdmin: true,
  passwordChangedAt: "2026-10-28T10:00:00Z",
};

/** Jean Piette, surveyor 5003: not an administrator. */
export const jean: Me = {
  id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5003",
  username: "jpiette",
  email: "jean.piette@exemple.qc.ca",
  firstName: "Jean",
  lastName: "Piette",
  surveyor: { matricule: "5003" },
  actingFor: {
    userId: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5003",
    matricule: "5003",
    firstName: "Jean",
    lastName: "Piette",
    // A surveyor acting for themself has every delegable service (§11).
    services: [
      "lot_reservation",
      "lot_correction_check",
      "cadastre_dossiers",
      "survey_dossiers",
      "product_order",
      "dm_prevalidation",
    ],
    endsOn: null,
  },
  mustSelectDelegant: false,
  isAdmin: false,
  passwordChangedAt: "2026-10-28T10:00:00Z",
};

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

/** A signed-in session whose /me is `me`, and `routes` of the app rendered at `path`. */
export function renderSignedIn(
  me: Me,
  api: Record<string, Handler | Handler[]>,
  { routes, path, locale = "fr-CA" }: { routes: RouteObject[]; path: string; locale?: Locale },
) {
  const fetch = mockApi({ "GET /api/v1/me": () => json(me), ...api });
  session.signIn({ accessToken: "jeton", tokenType: "Bearer", expiresIn: 600 });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProviders queryClient={createQueryClient()} locale={locale}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { fetch, router };
}

/** Only the element, at any path. */
export function page(element: ReactNode): RouteObject[] {
  return [{ path: "*", element }];
}
