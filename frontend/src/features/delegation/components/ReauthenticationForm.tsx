import { useState, type FormEvent } from "react";
import { FormLayout } from "@/components/FormLayout";
import { Notice } from "@/components/Messages";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { useReauthenticate } from "../api/reauthenticate";

const fields = ["password"] as const;

interface ReauthenticationFormProps {
  /** Id given to the explanation, for the dialog's aria-describedby. */
  describedById: string;
  onConfirmed: () => void;
  onCancel: () => void;
}

/**
 * « Confirmez votre identité » (SPEC §12): granting (adding a délégataire, widening its services,
 * moving its end date later) needs the password entered within the last minutes. Once confirmed,
 * the caller carries on with what the user was doing.
 */
export function ReauthenticationForm({ describedById, onConfirmed, onCancel }: ReauthenticationFormProps) {
  const { t } = useI18n();
  const [password, setPassword] = useState("");
  const errors = useFormErrors(fields);
  const reauth = useReauthenticate();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reauth.isPending) return;
    if (!errors.validate({ password: check.required(password, t) })) return;
    errors.clear();
    reauth.mutate(password, {
      onError: errors.showError,
      onSuccess: () => {
        setPassword("");
        onConfirmed();
      },
    });
  }

  return (
    <FormLayout
      errors={errors}
      pending={reauth.isPending}
      onSubmit={submit}
      submitLabel={t("delegation.reauth.confirm")}
      before={
        <Notice tone="info">
          <p id={describedById}>{t("delegation.reauth.explanation")}</p>
        </Notice>
      }
      actions={
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("form.cancel")}
        </button>
      }
    >
      <TextField
        name="password"
        type="password"
        label={t("delegation.reauth.password")}
        required
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={errors.fieldErrors.password}
      />
    </FormLayout>
  );
}
