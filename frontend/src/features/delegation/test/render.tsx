import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProviders, createQueryClient } from "@/app/providers";
import { Page } from "@/components/Page";
import type { Locale } from "@/i18n";
import { useRedirectWhenDelegationNotActive } from "@/lib/auth/delegation-not-active";
import { DelegationLayout, delegationChildRoutes } from "../components/DelegationLayout";
import { Outlet } from "react-router";

function Frame() {
  useRedirectWhenDelegationNotActive();
  return <Outlet />;
}

/** The Délégation tab as the application mounts it, with a stand-in for Suivi des activités. */
export function renderDelegation(path: string, { locale = "fr-CA" }: { locale?: Locale } = {}) {
  const router = createMemoryRouter(
    [
      {
        element: <Frame />,
        children: [
          {
            path: "/delegation",
            element: <DelegationLayout />,
            children: [
              ...delegationChildRoutes,
              { path: "suivi-des-activites", element: <Page title="Suivi des activités" /> },
            ],
          },
          { path: "/cadastre", element: <Page title="Cadastre" /> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  const queryClient = createQueryClient();
  const view = render(
    <AppProviders queryClient={queryClient} locale={locale}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}
