import { useI18n } from "@/i18n";

/** Last resort when a page fails to render. */
export function RouteError() {
  const { t } = useI18n();
  return (
    <main className="container main">
      <h1>{t("app.name")}</h1>
      <div role="alert" className="alert alert--error">
        <p>{t("problem.unexpected")}</p>
      </div>
      <p>
        <a href="/">{t("notFound.home")}</a>
      </p>
    </main>
  );
}
