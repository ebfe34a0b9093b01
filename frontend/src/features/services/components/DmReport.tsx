import { useId } from "react";
import { useI18n } from "@/i18n";
import type { DmPrevalidation } from "../api/prevalidate-dm";

/** Rapport de prévalidation: rules R1 to R8, each respected or not, with the API's message. */
export function DmReport({ report }: { report: DmPrevalidation }) {
  const { t } = useI18n();
  const headingId = useId();
  const failed = report.findings.filter((finding) => !finding.passed).length;
  return (
    <section aria-labelledby={headingId} className="dm-report">
      <h2 id={headingId}>{t("services.report.heading")}</h2>
      <p
        className={
          report.valid
            ? "dm-report__verdict dm-report__verdict--valid"
            : "dm-report__verdict dm-report__verdict--invalid"
        }
      >
        {report.valid
          ? t("services.report.valid", { file: report.fileName })
          : t("services.report.invalid", { file: report.fileName, count: failed })}
      </p>
      <div className="table-wrap">
        <table className="data-table">
          <caption>{t("services.report.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("services.report.rule")}</th>
              <th scope="col">{t("services.report.result")}</th>
              <th scope="col">{t("services.report.message")}</th>
            </tr>
          </thead>
          <tbody>
            {report.findings.map((finding) => (
              <tr key={finding.rule}>
                <th scope="row">{finding.rule}</th>
                <td>
                  <span className={finding.passed ? "rule rule--passed" : "rule rule--failed"}>
                    {t(finding.passed ? "services.report.passed" : "services.report.failed")}
                  </span>
                </td>
                <td lang="fr-CA">{finding.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
