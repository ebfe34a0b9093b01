import { Navigate, Outlet, type RouteObject } from "react-router";
import { NoDelegationNotice } from "@/components/ActingFor";
import { Loading } from "@/components/Loading";
import { Page } from "@/components/Page";
import { SubNav } from "@/components/SubNav";
import { useI18n, type MessageKey } from "@/i18n";
import { delegantSelectionPath } from "@/lib/auth/delegation-not-active";
import { useMe } from "@/lib/auth/me";
import { actsForSelf, maySelectDelegant, visibleTabs, type DelegationTab } from "../lib/access";
import { DelegantSelectionPage } from "./DelegantSelectionPage";
import { DelegatesPage } from "./DelegatesPage";
import "./delegation.css";

export const delegatesPath = "/delegation/gestion-des-delegataires";
export const selectionPath = delegantSelectionPath;
export const activitiesPath = "/delegation/suivi-des-activites";

const tabs: Record<DelegationTab, { path: string; label: MessageKey }> = {
  delegates: { path: delegatesPath, label: "delegation.tab.delegates" },
  selection: { path: selectionPath, label: "delegation.tab.selection" },
  activities: { path: activitiesPath, label: "delegation.tab.activities" },
};

/** Délégation tab: sub-tabs Gestion des délégataires, Sélection d'un délégant, Suivi des activités. */
export function DelegationLayout() {
  const { t } = useI18n();
  const me = useMe().data;
  if (!me) return <Loading />;
  return (
    <>
      <SubNav
        label={t("delegation.subtabs")}
        items={visibleTabs(me).map((tab) => ({ to: tabs[tab].path, label: t(tabs[tab].label) }))}
        variant="delegation"
      />
      <Outlet />
    </>
  );
}

/**
 * /delegation: Gestion des délégataires for a surveyor acting for themself, Sélection d'un
 * délégant for everyone else who has a délégant; someone nobody delegated to gets the guide's
 * message (SPEC §4).
 */
function DelegationHome() {
  const { t } = useI18n();
  const me = useMe().data;
  if (!me) return <Loading />;
  if (actsForSelf(me)) return <Navigate to={delegatesPath} replace />;
  if (maySelectDelegant(me)) return <Navigate to={selectionPath} replace />;
  return (
    <Page title={t("delegation.title")}>
      <NoDelegationNotice me={me} />
    </Page>
  );
}

/** Child routes of /delegation owned by this feature (Suivi des activités is added by src/app). */
export const delegationChildRoutes: RouteObject[] = [
  { index: true, element: <DelegationHome /> },
  { path: "gestion-des-delegataires", element: <DelegatesPage /> },
  { path: "selection-d-un-delegant", element: <DelegantSelectionPage /> },
];
