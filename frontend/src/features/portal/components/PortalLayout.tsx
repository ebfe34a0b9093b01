import { Link, NavLink, Outlet } from "react-router";
import { GovHeader } from "@/components/GovHeader";
import { Loading } from "@/components/Loading";
import { SiteFooter } from "@/components/SiteFooter";
import { mainContentId, SkipLink } from "@/components/SkipLink";
import { useI18n, type MessageKey } from "@/i18n";
import { useRedirectWhenDelegationNotActive } from "@/lib/auth/delegation-not-active";
import { fullName, grants, useMe } from "@/lib/auth/me";
import { useLogout } from "../api/logout";

export const portalTabs: ReadonlyArray<{ path: string; label: MessageKey }> = [
  { path: "/cadastre", label: "portal.tab.cadastre" },
  { path: "/arpentage", label: "portal.tab.arpentage" },
  { path: "/delegation", label: "portal.tab.delegation" },
];

/** The ministry's tab, shown to administrators only (/me says isAdmin); its routes are guarded too. */
export const adminTab: { path: string; label: MessageKey } = { path: "/administration", label: "portal.tab.admin" };

/** The frame of Mon espace client once signed in: header, user, tabs, content. */
export function PortalLayout() {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  // A délégant who ends the delegation the session acts under sends the user to Sélection d'un délégant.
  useRedirectWhenDelegationNotActive();

  return (
    <div className="layout">
      <SkipLink />
      <GovHeader
        service={
          <div className="container service-banner__row">
            <p className="service-banner__name">
              <Link to="/">{t("app.name")}</Link>
            </p>
            {me.data && (
              <div className="service-banner__user">
                <p className="user-name">
                  <span className="visually-hidden">{t("nav.userLabel")} </span>
                  {fullName(me.data)}
                </p>
                <p>
                  <Link to="/mot-de-passe">{t("nav.changePassword")}</Link>
                </p>
                <p>
                  <Link to="/jetons-integration">{t("nav.apiTokens")}</Link>
                </p>
              </div>
            )}
          </div>
        }
        quebecLabel="nav.quebecPortal"
      >
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (!logout.isPending) logout.mutate();
            }}
          >
            {t("nav.logout")}
          </button>
        </li>
      </GovHeader>
      <nav aria-label={t("nav.tabs")} className="tabs">
        <ul className="container tabs__list">
          {(me.data?.isAdmin ? [...portalTabs, adminTab] : portalTabs)
            // Arpentage holds the survey dossiers only: hidden when they are not delegated (§11).
            .filter((tab) => !(tab.path === "/arpentage" && me.data?.actingFor && !grants(me.data, "survey_dossiers")))
            .map((tab) => (
              <li key={tab.path}>
                <NavLink to={tab.path} className="tabs__tab">
                  {t(tab.label)}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <main id={mainContentId} tabIndex={-1} className="container main">
        {me.isError ? <MeError onRetry={() => void me.refetch()} /> : me.data ? <Outlet /> : <Loading />}
      </main>
      <SiteFooter />
    </div>
  );
}

function MeError({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="alert alert--error">
      <p>{t("portal.meError")}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t("portal.retry")}
      </button>
    </div>
  );
}
