import { useState, type FormEvent } from "react";
import { FormLayout } from "@/components/FormLayout";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useFormErrors, type FormErrors } from "@/lib/forms/use-form-errors";
import type { NewMessageRequest } from "../api/post-dossier-message";
import { dossierNumberPattern, limits } from "../lib/validation";
import { LiveStatus } from "./Feedback";
import { TextAreaField } from "./fields";

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
  const [number, setNumber] = useState(dossierNumber ?? "");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const errors = useFormErrors(forDossier ? dossierFields : communiqueFields);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setStatus(null);
    const trimmedNumber = number.trim();
    const trimmedSubject = subject.trim();
    const valid = errors.validate({
      number: !forDossier
        ? undefined
        : trimmedNumber === ""
          ? t("form.required")
          : dossierNumberPattern.test(trimmedNumber)
            ? undefined
            : t("admin.invalidDossierNumber"),
      subject:
        trimmedSubject === ""
          ? t("form.required")
          : trimmedSubject.length > limits.subject
            ? t("admin.tooLong", { max: limits.subject })
            : undefined,
      body:
        body.trim() === ""
          ? t("form.required")
          : body.length > limits.body
            ? t("admin.tooLong", { max: limits.body })
            : undefined,
    });
    if (!valid) return;
    send(
      { number: trimmedNumber, message: { subject: trimmedSubject, body } },
      {
        onError: errors.showError,
        onSuccess: (message) => {
          errors.clear();
          setSubject("");
          setBody("");
          setStatus(message);
        },
      },
    );
  }

  return (
    <>
      <FormLayout errors={errors} pending={pending} onSubmit={submit} submitLabel={submitLabel}>
        {forDossier && (
          <TextField
            name="number"
            label={t("admin.message.number")}
            hint={t("admin.dossier.numberHint")}
            required
            inputMode="numeric"
            autoComplete="off"
            value={number}
            onChange={(event) => setNumber(event.target.value)}
            error={errors.fieldErrors.number}
          />
        )}
        <TextField
          name="subject"
          label={t("admin.message.subject")}
          required
          maxLength={limits.subject}
          autoComplete="off"
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          error={errors.fieldErrors.subject}
        />
        <TextAreaField
          name="body"
          label={t("admin.message.body")}
          required
          rows={8}
          maxLength={limits.body}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          error={errors.fieldErrors.body}
        />
      </FormLayout>
      <LiveStatus>{status && <p>{status}</p>}</LiveStatus>
    </>
  );
}
