import { useState } from "react";
import { FormLayout } from "@/components/FormLayout";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { requiredMatching, requiredUpTo } from "@/lib/forms/validators";
import { useForm } from "@/components/use-form";
import type { FormErrors } from "@/lib/forms/use-form-errors";
import type { NewMessageRequest } from "../api/post-dossier-message";
import { dossierNumberPattern, limits } from "../lib/validation";
import { LiveSentence } from "@/components/Feedback";
import { DossierNumberField } from "./DossierNumberField";
import { TextAreaField } from "@/components/fields";

type Field = "number" | "subject" | "body";
const dossierFields: readonly Field[] = ["number", "subject", "body"];
const communiqueFields: readonly Field[] = ["subject", "body"];

export interface MessageFormProps {
  /** A message on a dossier asks for its number (prefilled when given); a communiqué does not. */
  dossierNumber?: string | undefined;
  forDossier: boolean;
  submitLabel: string;
  pending: boolean;
  /** Sends the message; calls back with the sentence announcing the result, or shows the error. */
  send: (
    input: { number: string; message: NewMessageRequest },
    done: { onSuccess: (status: string) => void; onError: FormErrors<Field>["showError"] },
  ) => void;
}

/** Subject and message (and the dossier number): shared by Message sur un dossier and Communiqués. */
export function MessageForm({ dossierNumber, forDossier, submitLabel, pending, send }: MessageFormProps) {
  const { t } = useI18n();
  const form = useForm(
    { number: dossierNumber ?? "", subject: "", body: "" },
    { fields: forDossier ? dossierFields : communiqueFields },
  );
  const [status, setStatus] = useState<string | null>(null);
  const number = form.values.number.trim();
  const subject = form.values.subject.trim();
  const { body } = form.values;

  const submit = form.onSubmit(
    pending,
    () => ({
      number: forDossier
        ? requiredMatching(number, dossierNumberPattern, t("admin.invalidDossierNumber"), t)
        : undefined,
      subject: requiredUpTo(subject, limits.subject, t("admin.tooLong", { max: limits.subject }), t),
      body: requiredUpTo(body, limits.body, t("admin.tooLong", { max: limits.body }), t),
    }),
    () =>
      send(
        { number, message: { subject, body } },
        {
          onError: form.errors.showError,
          onSuccess: (message) => {
            form.reset("subject", "body");
            setStatus(message);
          },
        },
      ),
    () => setStatus(null),
  );

  return (
    <>
      <FormLayout errors={form.errors} pending={pending} onSubmit={submit} submitLabel={submitLabel}>
        {forDossier && <DossierNumberField {...form.field("number")} label={t("admin.message.number")} />}
        <TextField
          {...form.field("subject")}
          label={t("admin.message.subject")}
          required
          maxLength={limits.subject}
          autoComplete="off"
        />
        <TextAreaField
          {...form.field("body")}
          label={t("admin.message.body")}
          required
          rows={8}
          maxLength={limits.body}
          className="admin-textarea"
        />
      </FormLayout>
      <LiveSentence text={status} />
    </>
  );
}
