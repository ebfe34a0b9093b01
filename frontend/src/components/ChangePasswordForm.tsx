import type { ReactNode } from "react";
import { useI18n } from "@/i18n";
import * as check from "@/lib/forms/validators";
import { useChangePassword } from "@/lib/auth/change-password";
import { FormLayout } from "./FormLayout";
import { NewPasswordFields, newPasswordChecks, PasswordField } from "./AccountFields";
import { useForm } from "./use-form";

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
  const form = useForm({ currentPassword: "", newPassword: "", confirmPassword: "" });
  const change = useChangePassword();
  const { currentPassword, newPassword, confirmPassword } = form.values;

  const submit = form.onSubmit(
    change.isPending,
    () => {
      const fresh = newPasswordChecks(newPassword, confirmPassword, t);
      return {
        currentPassword: check.required(currentPassword, t),
        newPassword: fresh.password,
        confirmPassword: fresh.confirmation,
      };
    },
    () =>
      change.mutate(
        { currentPassword, newPassword },
        {
          onError: form.errors.showError,
          onSuccess: () => {
            form.reset();
            onSuccess?.();
          },
        },
      ),
  );

  return (
    <FormLayout
      errors={form.errors}
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
      <PasswordField
        {...form.field("currentPassword")}
        label={t("changePassword.currentPassword")}
        autoComplete="current-password"
      />
      <NewPasswordFields
        password={form.field("newPassword")}
        confirmation={form.field("confirmPassword")}
        labels={{ password: t("changePassword.newPassword"), confirmation: t("changePassword.confirmPassword") }}
      />
    </FormLayout>
  );
}
