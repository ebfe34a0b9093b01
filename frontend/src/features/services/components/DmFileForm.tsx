import { useState, type FormEvent } from "react";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { maxDmBytes } from "../lib/upload";
import { FileField } from "@/components/fields";
import { FormLayout } from "@/components/FormLayout";

const fields = ["file"] as const;

/**
 * The file of a DM, checked as rule R1 does before it is sent (.xml, not empty, 5 Mo at most).
 * Used by Prévalidation and Dépôt; the API's /file errors show under the input.
 */
export function DmFileForm({
  submitLabel,
  pending,
  send,
}: {
  submitLabel: string;
  pending: boolean;
  /** Sends the file; calls onError with the failure so that it is shown. */
  send: (file: File, onError: (error: unknown) => void) => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const errors = useFormErrors(fields);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const problem = !file
      ? t("services.dm.fileRequired")
      : !/\.xml$/i.test(file.name)
        ? t("services.dm.fileNotXml")
        : file.size === 0
          ? t("services.dm.fileEmpty")
          : file.size > maxDmBytes
            ? t("services.dm.fileTooLarge")
            : undefined;
    if (!errors.validate({ file: problem }) || !file) return;
    send(file, errors.showError);
  }

  return (
    <FormLayout errors={errors} pending={pending} onSubmit={submit} submitLabel={submitLabel}>
      <FileField
        name="file"
        label={t("services.dm.file")}
        hint={t("services.dm.fileHint")}
        required
        accept=".xml,application/xml,text/xml"
        onFile={setFile}
        error={errors.fieldErrors.file}
      />
    </FormLayout>
  );
}
