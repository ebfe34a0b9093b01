import { Navigate, Outlet, useLocation } from "react-router";
import { NoDelegationNotice } from "@/components/ActingFor";
import { Loading } from "@/components/Loading";
import { Notice } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { grants, useMe, type DelegableService } from "@/lib/auth/me";
import { serviceAccess } from "../lib/access";
import { arpentagePaths, cadastrePaths } from "../lib/paths";
import { AccessNotice } from "./AccessNotice";
import { ServicePage } from "./ServicePage";
import { SubNav, type SubNavItem } from "@/components/SubNav";
import "./services.css";

type Tab = "cadastre" | "arpentage";

/**
 * The Cadastre or Arpentage tab: its sub-navigation, then the page. A user who acts for no
 * surveyor sees, instead of the services, the guide's message (no délégant) or the way to
 * Délégation ▸ Sélection d'un délégant (several délégants, none chosen yet).
 */
export function ServicesLayout({ tab }: { tab: Tab }) {
  const { t } = useI18n();
  const me = useMe().data;
  const { pathname } = useLocation();
  if (!me) return <Loading />;
  const access = serviceAccess(me);
  const title = t(tab === "cadastre" ? "portal.tab.cadastre" : "portal.tab.arpentage");

  if (access.status === "noDelegation") {
    return (
      <ServicePage title={title}>
        <NoDelegationNotice me={me} />
      </ServicePage>
    );
  }
  if (access.status === "mustSelect") {
    return (
      <ServicePage title={title}>
        <AccessNotice refusal="delegant_selection_required" />
      </ServicePage>
    );
  }

  // Each sub-tab with the service it belongs to (SPEC §11); those without one are open to
  // whoever acts for the surveyor (communiqués) or decided by their page (the dépôt).
  const all: (SubNavItem & { service?: DelegableService })[] =
    tab === "cadastre"
      ? [
          { to: cadastrePaths.dossiers, label: t("services.nav.dossiers"), end: true, service: "cadastre_dossiers" },
          { to: cadastrePaths.reservation, label: t("services.nav.reservation"), service: "lot_reservation" },
          { to: cadastrePaths.correction, label: t("services.nav.correction"), service: "lot_correction_check" },
          { to: cadastrePaths.order, label: t("services.nav.order"), service: "product_order" },
          { to: cadastrePaths.prevalidation, label: t("services.nav.prevalidation"), service: "dm_prevalidation" },
          { to: cadastrePaths.deposit, label: t("services.nav.deposit") },
          { to: cadastrePaths.communiques, label: t("services.nav.communiques") },
        ]
      : [
          {
            to: arpentagePaths.dossiers,
            label: t("services.nav.surveyDossiers"),
            end: true,
            service: "survey_dossiers",
          },
        ];
  // A délégataire sees only the services their délégant granted.
  const items: SubNavItem[] = all
    .filter((item) => item.service === undefined || grants(me, item.service))
    .map(({ service: _service, ...item }) => item);
  const current = all.find((item) =>
    item.end ? pathname === item.to || pathname.startsWith(`${item.to}/dossiers/`) : pathname.startsWith(item.to),
  );
  const first = items[0];
  if (current?.service !== undefined && !grants(me, current.service)) {
    // The tab's index is a service not granted: go to the first one that is.
    if (current.end && first && tab === "cadastre") return <Navigate to={first.to} replace />;
    return (
      <ServicePage title={title}>
        <Notice tone="info">
          <p>{t("services.notDelegated")}</p>
        </Notice>
      </ServicePage>
    );
  }

  return (
    <>
      <SubNav
        label={t(tab === "cadastre" ? "services.nav.cadastreLabel" : "services.nav.arpentageLabel")}
        items={items}
      />
      <Outlet />
    </>
  );
}
