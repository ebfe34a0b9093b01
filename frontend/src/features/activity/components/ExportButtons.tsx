import { useState } from "react";
import { FormAlert } from "@/components/Messages";
import { useI18n } from "@/i18n";
import type { DisplayMessage } from "@/lib/api/errors";
import { useExportActivities, type ExportFormat } from "../api/export-activities";
import { problemMessage } from "../utils/problem-message";
import { saveFile } from "../utils/save-file";
import { viewToExportQuery, type ActivityView } from "../utils/view";

const formats: ReadonlyArray<{ format: ExportFormat; label: "activity.export.xlsx" | "activity.export.pdf" }> = [
  { format: "xlsx", label: "activity.export.xlsx" },
  { format: "pdf", label: "activity.export.pdf" },
];

/**
 * « Télécharger en Excel » and « Télécharger en PDF »: exactly the filtered, sorted view,
 * fetched with the session's token, then handed to the browser under the server's file name.
 */
export function ExportButtons({ view }: { view: ActivityView }) {
  const { t, locale } = useI18n();
  const exporting = useExportActivities();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<DisplayMessage | null>(null);
  const busyFormat = exporting.isPending ? exporting.variables?.format : undefined;

  function start(format: ExportFormat) {
    if (exporting.isPending) return;
    setDone(null);
    setError(null);
    exporting.mutate(viewToExportQuery(view, format), {
      onSuccess: (file) => {
        saveFile(file.blob, file.fileName);
        setDone(t("activity.export.done", { file: file.fileName }));
      },
      onError: (cause) => {
        const reason = problemMessage(cause, t, locale);
        setError({
          text: t("activity.export.failed"),
          details: [{ text: reason.text, lang: reason.lang }, ...(reason.details ?? [])],
        });
      },
    });
  }

  return (
    <div className="activity-export">
      <div className="activity-export__buttons" role="group" aria-label={t("activity.export.label")}>
        {formats.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="button button--secondary"
            aria-disabled={exporting.isPending || undefined}
            aria-busy={busyFormat === format || undefined}
            onClick={() => start(format)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <p className="activity-export__status" role="status" aria-live="polite">
        {busyFormat ? (
          <>
            <span className="loading__spinner" aria-hidden="true" />{" "}
            {t(busyFormat === "xlsx" ? "activity.export.busy.xlsx" : "activity.export.busy.pdf")}
          </>
        ) : (
          done
        )}
      </p>
      <FormAlert message={error} />
    </div>
  );
}
