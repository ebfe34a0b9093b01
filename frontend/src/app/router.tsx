import { createBrowserRouter, type RouteObject } from "react-router";
import { PublicLayout } from "@/components/PublicLayout";
import {
  ChangePasswordPage,
  ForgotPasswordPage,
  ForgotUsernamePage,
  LoginPage,
  ResetPasswordPage,
  SignUpPage,
} from "@/features/accounts";
import { ActivityPage } from "@/features/activity";
import { adminRoutes } from "@/features/admin";
import { ApiTokensPage } from "@/features/api-tokens";
import { DelegationLayout, delegationChildRoutes } from "@/features/delegation";
import { PortalLayout } from "@/features/portal";
import { arpentageRoutes, cadastreRoutes } from "@/features/services";
import { GuestOnly, HomeRedirect, RequireAuth } from "./guards";
import { NotFoundPage } from "./NotFoundPage";
import { RouteError } from "./RouteError";

/** Paths are French, like the e-mailed link /reinitialiser-mot-de-passe?jeton=… */
export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            element: <GuestOnly />,
            children: [
              { path: "connexion", element: <LoginPage /> },
              { path: "inscription", element: <SignUpPage /> },
            ],
          },
          { path: "nom-utilisateur-oublie", element: <ForgotUsernamePage /> },
          { path: "mot-de-passe-oublie", element: <ForgotPasswordPage /> },
          { path: "reinitialiser-mot-de-passe", element: <ResetPasswordPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <PortalLayout />,
            children: [
              cadastreRoutes,
              arpentageRoutes,
              {
                path: "delegation",
                element: <DelegationLayout />,
                children: [...delegationChildRoutes, { path: "suivi-des-activites", element: <ActivityPage /> }],
              },
              adminRoutes,
              { path: "mot-de-passe", element: <ChangePasswordPage /> },
              { path: "jetons-integration", element: <ApiTokensPage /> },
            ],
          },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
