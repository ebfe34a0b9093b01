import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormAlert } from "@/components/Messages";
import { useI18n } from "@/i18n";
import type { MessageKey } from "@/i18n";
import type { DisplayMessage } from "@/lib/api/errors";
import type { ExportActivitiesQuery, ExportedFile, ExportFormat } from "./types";
import { problemMessage } from "./problem-message";
import { saveFile } from "./save-file";
import { viewToExportQuery, type ActivityView } from "./view";

const formats: readonly ExportFormat[] = ["xlsx", "pdf"];

/** The buttons' texts, by format. */
export type ExportLabels = Record<ExportFormat, MessageKey>;

const defaultLabels: ExportLabels = { xlsx: "activity.export.xlsx", pdf: "activity.export.pdf" };

interface Props {
  view: ActivityView;
  /** Fetches the export of the table's endpoint (GET …/activities/export) for this query. */
  exportFile: (query: ExportActivitiesQuery) => Promise<ExportedFile>;
  labels?: ExportLabels;
}

/**
 * « Télécharger en Excel » and « Télécharger en PDF »: exactly the filtered, sorted view,
 * fetched with the session's token, then handed to the browser under the server's file name.
 */
export function ExportButtons({ view, exportFile, labels = defaultLabels }: Props) {
  const { t, locale } = useI18n();
  const exporting = useMutation({ mutationFn: exportFile });
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
        {formats.map((format) => (
          <button
            key={format}
            type="button"
            className="button button--secondary"
            aria-disabled={exporting.isPending || undefined}
            aria-busy={busyFormat === format || undefined}
            onClick={() => start(format)}
          >
            {t(labels[format])}
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
