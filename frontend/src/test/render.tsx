import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProviders, createQueryClient } from "@/app/providers";
import type { Locale } from "@/i18n";

/** Renders a piece of UI with the application's providers and a memory router. */
export function renderWithApp(
  ui: ReactNode,
  { locale = "fr-CA", path = "/" }: { locale?: Locale; path?: string } = {},
) {
  const router = createMemoryRouter([{ path: "*", element: ui }], { initialEntries: [path] });
  return render(
    <AppProviders queryClient={createQueryClient()} locale={locale}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
}

export function problemResponse(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}
