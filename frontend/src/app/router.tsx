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
import { ArpentagePage, CadastrePage, DelegationPage, PortalLayout } from "@/features/portal";
import { GuestOnly, HomeRedirect, RequireAuth } from "@/lib/auth/guards";
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
              { path: "cadastre", element: <CadastrePage /> },
              { path: "arpentage", element: <ArpentagePage /> },
              { path: "delegation", element: <DelegationPage /> },
              { path: "mot-de-passe", element: <ChangePasswordPage /> },
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
