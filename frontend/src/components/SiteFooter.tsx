import { useI18n } from "@/i18n";
import { externalLinks } from "./external-links";

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          <a href={externalLinks.contact}>{t("footer.contact")}</a>
        </p>
        <ul className="site-footer__links">
          <li>
            <a href={externalLinks.accessibility}>{t("footer.accessibility")}</a>
          </li>
          <li>
            <a href={externalLinks.privacy}>{t("footer.privacy")}</a>
          </li>
        </ul>
        <p className="site-footer__copyright">{t("footer.copyright")}</p>
      </div>
    </footer>
  );
}
