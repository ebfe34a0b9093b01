import { Outlet } from "react-router";
import { Page } from "@/components/Page";
import type { Locale } from "@/i18n";
import { useRedirectWhenDelegationNotActive } from "@/lib/auth/delegation-not-active";
import { DelegationLayout, delegationChildRoutes } from "../components/DelegationLayout";
import { renderRoutes } from "@/test/render";

function Frame() {
  useRedirectWhenDelegationNotActive();
  return <Outlet />;
}

/** The Délégation tab as the application mounts it, with a stand-in for Suivi des activités. */
export function renderDelegation(path: string, { locale = "fr-CA" }: { locale?: Locale } = {}) {
  return renderRoutes(
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
    { path, locale },
  );
}
