import type { ReactNode } from "react";
import { useI18n } from "@/i18n";

/** Blue government header: ministry signature, utility links, then the service banner. */
export function GovHeader({ children, service }: { children: ReactNode; service: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="gov-header">
      <div className="container gov-header__bar">
        <p className="gov-header__signature">
          <span className="gov-header__mark" aria-hidden="true" />
          {t("app.ministry")}
        </p>
        <nav aria-label={t("nav.utility")} className="gov-header__links">
          <ul>{children}</ul>
        </nav>
      </div>
      <div className="service-banner">{service}</div>
    </header>
  );
}
