import { useI18n } from "@/i18n";

/** A spinner and what is loading (« Chargement en cours… » unless told). */
export function Loading({ text }: { text?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {text ?? t("app.loading")}
    </div>
  );
}
