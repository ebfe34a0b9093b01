import { useState, type FormEvent } from "react";
import { StatusMessage } from "@/components/Messages";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { useExtendClosingDate, type ClosingDateExtension } from "../api/extend-closing-date";
import type { Dossier } from "../api/list-dossiers";
import { isIsoDate, quebecDay } from "@/lib/dates";
import { TextAreaField } from "@/components/fields";
import { FormLayout } from "@/components/FormLayout";

const fields = ["newClosingDate", "reason"] as const;

/** The day after a YYYY-MM-DD date. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Prolongement de la date de fermeture: a later date and a reason (3 to 500 characters). */
export function ClosingDateExtensionForm({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const [newClosingDate, setNewClosingDate] = useState("");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<ClosingDateExtension | null>(null);
  const errors = useFormErrors(fields);
  const extend = useExtendClosingDate(dossier.number);

  if (dossier.status === "ferme") return <p>{t("services.extension.closed")}</p>;

  const today = quebecDay();
  const earliest =
    dossier.closingDate && dossier.closingDate >= today ? dayAfter(dossier.closingDate) : dayAfter(today);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (extend.isPending) return;
    setDone(null);
    const date = newClosingDate.trim();
    const motive = reason.trim();
    const dateError =
      check.required(date, t) ??
      (!isIsoDate(date)
        ? t("services.extension.invalidDate")
        : date <= today
          ? t("services.extension.dateNotFuture")
          : dossier.closingDate && date <= dossier.closingDate
            ? t("services.extension.dateTooEarly", { date: dossier.closingDate })
            : undefined);
    const reasonError =
      check.required(motive, t) ??
      (motive.length < 3 || motive.length > 500 ? t("services.extension.reasonLength") : undefined);
    if (!errors.validate({ newClosingDate: dateError, reason: reasonError })) return;
    extend.mutate(
      { newClosingDate: date, reason: motive },
      {
        onError: errors.showError,
        onSuccess: (extension) => {
          setDone(extension);
          setNewClosingDate("");
          setReason("");
        },
      },
    );
  }

  return (
    <>
      <p>{t("services.extension.current", { date: dossier.closingDate ?? t("services.none") })}</p>
      <FormLayout
        errors={errors}
        pending={extend.isPending}
        onSubmit={submit}
        submitLabel={t("services.extension.submit")}
      >
        <TextField
          name="newClosingDate"
          type="date"
          label={t("services.extension.newDate")}
          hint={t("services.extension.newDateHint")}
          required
          min={earliest}
          value={newClosingDate}
          onChange={(event) => setNewClosingDate(event.target.value)}
          error={errors.fieldErrors.newClosingDate}
        />
        <TextAreaField
          name="reason"
          label={t("services.extension.reason")}
          hint={t("services.extension.reasonHint")}
          required
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.fieldErrors.reason}
        />
      </FormLayout>
      <div aria-live="polite">
        {done && (
          <StatusMessage>
            <p>{t("services.extension.success", { number: done.dossierNumber, date: done.newClosingDate })}</p>
          </StatusMessage>
        )}
      </div>
    </>
  );
}
