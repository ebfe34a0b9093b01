import { Outlet } from "react-router";
import { NoDelegationNotice } from "@/components/ActingFor";
import { Loading } from "@/components/Loading";
import { useI18n } from "@/i18n";
import { useMe } from "@/lib/auth/me";
import { serviceAccess } from "../lib/access";
import { arpentagePaths, cadastrePaths } from "../lib/paths";
import { AccessNotice } from "./AccessNotice";
import { ServicePage } from "./ServicePage";
import { SubNav, type SubNavItem } from "./SubNav";
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

  const items: SubNavItem[] =
    tab === "cadastre"
      ? [
          { to: cadastrePaths.dossiers, label: t("services.nav.dossiers"), end: true },
          { to: cadastrePaths.reservation, label: t("services.nav.reservation") },
          { to: cadastrePaths.correction, label: t("services.nav.correction") },
          { to: cadastrePaths.order, label: t("services.nav.order") },
          { to: cadastrePaths.prevalidation, label: t("services.nav.prevalidation") },
          { to: cadastrePaths.deposit, label: t("services.nav.deposit") },
          { to: cadastrePaths.communiques, label: t("services.nav.communiques") },
        ]
      : [{ to: arpentagePaths.dossiers, label: t("services.nav.surveyDossiers"), end: true }];

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
