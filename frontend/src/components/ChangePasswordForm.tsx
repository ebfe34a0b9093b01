import { useState, type FormEvent, type ReactNode } from "react";
import { TextField } from "./TextField";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { useChangePassword } from "@/lib/auth/change-password";
import { FormLayout } from "./FormLayout";

const fields = ["currentPassword", "newPassword", "confirmPassword"] as const;

export interface ChangePasswordFormProps {
  /** Called after the server accepted the new password. */
  onSuccess?: () => void;
  onCancel: () => void;
  /** Shown above the fields, e.g. the warning before registering a first délégataire. */
  warning?: ReactNode;
}

/**
 * « Changement de mot de passe »: Ancien mot de passe, Nouveau mot de passe, Confirmer le
 * nouveau mot de passe, Soumettre, Annuler. Usable on its own page or inside a dialog.
 */
export function ChangePasswordForm({ onSuccess, onCancel, warning }: ChangePasswordFormProps) {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const errors = useFormErrors(fields);
  const change = useChangePassword();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending) return;
    const valid = errors.validate({
      currentPassword: check.required(currentPassword, t),
      newPassword: check.newPassword(newPassword, t),
      confirmPassword: check.confirmation(confirmPassword, newPassword, t),
    });
    if (!valid) return;
    errors.clear();
    change.mutate(
      { currentPassword, newPassword },
      {
        onError: errors.showError,
        onSuccess: () => {
          setCurrentPassword("");
          setNewPassword("");
          setConfirmPassword("");
          onSuccess?.();
        },
      },
    );
  }

  return (
    <FormLayout
      errors={errors}
      pending={change.isPending}
      onSubmit={submit}
      submitLabel={t("form.submit")}
      before={warning}
      actions={
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("form.cancel")}
        </button>
      }
    >
      <TextField
        name="currentPassword"
        type="password"
        label={t("changePassword.currentPassword")}
        required
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
        error={errors.fieldErrors.currentPassword}
      />
      <TextField
        name="newPassword"
        type="password"
        label={t("changePassword.newPassword")}
        required
        hint={t("form.passwordHint")}
        autoComplete="new-password"
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value)}
        error={errors.fieldErrors.newPassword}
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={t("changePassword.confirmPassword")}
        required
        autoComplete="new-password"
        value={confirmPassword}
        onChange={(event) => setConfirmPassword(event.target.value)}
        error={errors.fieldErrors.confirmPassword}
      />
    </FormLayout>
  );
}
