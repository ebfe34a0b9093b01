import { useI18n } from "@/i18n";

/** The « Non lu » marker: words, not only a colour. */
export function UnreadMarker() {
  const { t } = useI18n();
  return <span className="badge badge--unread">{t("services.unread")}</span>;
}
