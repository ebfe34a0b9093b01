import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import { AppProviders, createQueryClient } from "@/app/providers";
import type { Locale } from "@/i18n";
import { session } from "@/lib/api/client";
import type { Me } from "@/lib/auth/me";
import { json, mockApi, type Handler } from "./api-mock";
import { testTokens } from "./session";

/** Routes rendered at `path` with the application's providers, in a memory router. */
export function renderRoutes(
  routes: RouteObject[],
  { locale = "fr-CA", path = "/" }: { locale?: Locale; path?: string } = {},
) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  const view = render(
    <AppProviders queryClient={queryClient} locale={locale}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}

/** Renders a piece of UI with the application's providers and a memory router. */
export function renderWithApp(ui: ReactNode, options: { locale?: Locale; path?: string } = {}) {
  return renderRoutes([{ path: "*", element: ui }], options);
}

/** A signed-in session whose GET /me answers `me`, the `api` routes mocked, and `routes` rendered at `path`. */
export function renderSignedIn(
  me: Me,
  api: Record<string, Handler | Handler[]>,
  { routes, path, locale = "fr-CA" }: { routes: RouteObject[]; path: string; locale?: Locale },
) {
  const fetch = mockApi({ "GET /api/v1/me": () => json(me), ...api });
  session.signIn(testTokens);
  const { router } = renderRoutes(routes, { path, locale });
  return { fetch, router };
}

export function problemResponse(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}
