import { Outlet } from "react-router";
import { useI18n } from "@/i18n";
import { GovHeader } from "./GovHeader";
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
        quebecLabel="nav.quebecCa"
      />
      <main id={mainContentId} tabIndex={-1} className="container main main--narrow">
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}
