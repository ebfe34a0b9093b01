import { Link, Outlet } from "react-router";
import { useI18n } from "@/i18n";
import { externalLinks } from "./external-links";
import { GovHeader } from "./GovHeader";
import { LanguageSwitch } from "./LanguageSwitch";
import { SiteFooter } from "./SiteFooter";
import { mainContentId, SkipLink } from "./SkipLink";

/** Frame of the pages shown before login (authentication, sign-up, recovery). */
export function PublicLayout() {
  const { t } = useI18n();
  return (
    <div className="layout">
      <SkipLink />
      <GovHeader
        service={
          <div className="container">
            <p className="service-banner__name">{t("app.onlineServices")}</p>
          </div>
        }
      >
        <li>
          <Link to="/">{t("nav.home")}</Link>
        </li>
        <li>
          <a href={externalLinks.contact}>{t("nav.contact")}</a>
        </li>
        <li>
          <a href={externalLinks.quebecPortal}>{t("nav.quebecCa")}</a>
        </li>
        <li>
          <LanguageSwitch />
        </li>
      </GovHeader>
      <main id={mainContentId} tabIndex={-1} className="container main main--narrow">
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}
