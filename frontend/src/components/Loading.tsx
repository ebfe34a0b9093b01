import { useI18n } from "@/i18n";

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {t("app.loading")}
    </div>
  );
}
