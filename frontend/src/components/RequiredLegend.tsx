import { useI18n } from "@/i18n";

export function RequiredLegend() {
  const { t } = useI18n();
  return <p className="required-legend">{t("form.requiredLegend")}</p>;
}
