import { Outlet, type RouteObject } from "react-router";

/** Délégation tab: sub-tabs Gestion des délégataires, Sélection d'un délégant, Suivi des activités. */
export function DelegationLayout() {
  return <Outlet />;
}

/** Child routes of /delegation owned by this feature (Suivi des activités is added by src/app). */
export const delegationChildRoutes: RouteObject[] = [];
