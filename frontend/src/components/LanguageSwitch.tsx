import { isLocale, useI18n } from "@/i18n";

/** Switches between French and English; its label is written in the target language. */
export function LanguageSwitch() {
  const { t, setLocale } = useI18n();
  const target = t("lang.switchLang");
  return (
    <button
      type="button"
      className="link-button"
      lang={target}
      aria-label={t("lang.switchLabel")}
      onClick={() => {
        if (isLocale(target)) setLocale(target);
      }}
    >
      {t("lang.switch")}
    </button>
  );
}
