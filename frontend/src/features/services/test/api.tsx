import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import { AppProviders, createQueryClient } from "@/app/providers";
import { session } from "@/lib/api/client";
import type { Me } from "@/lib/auth/me";
import { json, mockApi, type Handler } from "@/test/api-mock";

export const jeanId = "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5003";
const pierreId = "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1fa001";

const jeanRef: NonNullable<Me["actingFor"]> = {
  userId: jeanId,
  matricule: "5003",
  firstName: "Jean",
  lastName: "Piette",
  services: [
    "lot_reservation",
    "lot_correction_check",
    "cadastre_dossiers",
    "survey_dossiers",
    "product_order",
    "dm_prevalidation",
  ],
  endsOn: null,
};

/** Jean Piette, surveyor 5003, acting for himself. */
export const jean: Me = {
  id: jeanId,
  username: "jpiette",
  email: "jean.piette@exemple.qc.ca",
  firstName: "Jean",
  lastName: "Piette",
  surveyor: { matricule: "5003" },
  actingFor: jeanRef,
  mustSelectDelegant: false,
  isAdmin: false,
  passwordChangedAt: "2026-10-28T10:00:00Z",
};

/** Pierre Quiroule, délégataire of Jean only: acts for him by default. */
export const pierre: Me = {
  id: pierreId,
  username: "pquiroule",
  email: "pierre.quiroule@exemple.qc.ca",
  firstName: "Pierre",
  lastName: "Quiroule",
  surveyor: null,
  actingFor: jeanRef,
  mustSelectDelegant: false,
  isAdmin: false,
  passwordChangedAt: "2026-11-27T10:00:00Z",
};

export const pierreRef = {
  userId: pierreId,
  username: "pquiroule",
  matricule: null,
  firstName: "Pierre",
  lastName: "Quiroule",
};
export const jeanPersonRef = { ...jeanRef, username: "jpiette" };

/** A signed-in session whose /me is `me`, and the given page rendered at `path`. */
export function renderSignedIn(
  me: Me,
  routes: Record<string, Handler>,
  { element, path, pattern = "*" }: { element: ReactNode; path: string; pattern?: string },
) {
  const fetch = mockApi({ "GET /api/v1/me": () => json(me), ...routes });
  session.signIn({ accessToken: "jeton", tokenType: "Bearer", expiresIn: 600 });
  const routeTable: RouteObject[] = [{ path: pattern, element }];
  const router = createMemoryRouter(routeTable, { initialEntries: [path] });
  render(
    <AppProviders queryClient={createQueryClient()} locale="fr-CA">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { fetch, router };
}

export function emptyPage<T>(): { items: T[]; page: number; pageSize: number; totalItems: number; totalPages: number } {
  return { items: [], page: 1, pageSize: 10, totalItems: 0, totalPages: 0 };
}
