import type { ReactNode } from "react";
import { Link } from "react-router";
import { useI18n, type MessageKey } from "@/i18n";
import { externalLinks } from "./external-links";
import { LanguageSwitch } from "./LanguageSwitch";

/**
 * Blue government header: ministry signature, utility links (Accueil, Nous joindre, the link to
 * Québec.ca worded as quebecLabel, the page's own links in children, the language switch), then
 * the service banner.
 */
export function GovHeader({
  children,
  service,
  quebecLabel,
}: {
  children?: ReactNode;
  service: ReactNode;
  quebecLabel: MessageKey;
}) {
  const { t } = useI18n();
  return (
    <header className="gov-header">
      <div className="container gov-header__bar">
        <p className="gov-header__signature">
          <span className="gov-header__mark" aria-hidden="true" />
          {t("app.ministry")}
        </p>
        <nav aria-label={t("nav.utility")} className="gov-header__links">
          <ul>
            <li>
              <Link to="/">{t("nav.home")}</Link>
            </li>
            <li>
              <a href={externalLinks.contact}>{t("nav.contact")}</a>
            </li>
            <li>
              <a href={externalLinks.quebecPortal}>{t(quebecLabel)}</a>
            </li>
            {children}
            <li>
              <LanguageSwitch />
            </li>
          </ul>
        </nav>
      </div>
      <div className="service-banner">{service}</div>
    </header>
  );
}
