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
          {(["accessibility", "privacy"] as const).map((link) => (
            <li key={link}>
              <a href={externalLinks[link]}>{t(`footer.${link}`)}</a>
            </li>
          ))}
        </ul>
        <p className="site-footer__copyright">{t("footer.copyright")}</p>
      </div>
    </footer>
  );
}
