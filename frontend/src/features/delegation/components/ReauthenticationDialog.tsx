import { useId } from "react";
import { Dialog } from "@/components/Dialog";
import { FormLayout } from "@/components/FormLayout";
import { Notice } from "@/components/Messages";
import { PasswordField } from "@/components/AccountFields";
import { useForm } from "@/components/use-form";
import { useI18n } from "@/i18n";
import * as check from "@/lib/forms/validators";
import { useReauthenticate } from "../api/reauthenticate";

interface ReauthenticationDialogProps {
  /** Closing or cancelling: the caller goes back to its form and says nothing was confirmed. */
  onBack: () => void;
  /** The password was accepted: the caller carries on with what the user was doing. */
  onConfirmed: () => void;
}

/**
 * « Confirmez votre identité » (SPEC §12): granting (adding a délégataire, widening its services,
 * moving its end date later) needs the password entered within the last minutes. Once confirmed,
 * the caller carries on with what the user was doing.
 */
export function ReauthenticationDialog({ onBack, onConfirmed }: ReauthenticationDialogProps) {
  const { t } = useI18n();
  const describedById = useId();
  const form = useForm({ password: "" });
  const reauth = useReauthenticate();
  const { password } = form.values;

  const submit = form.onSubmit(
    reauth.isPending,
    () => ({ password: check.required(password, t) }),
    () =>
      reauth.mutate(password, {
        onError: form.errors.showError,
        onSuccess: () => {
          form.reset();
          onConfirmed();
        },
      }),
  );

  return (
    <Dialog title={t("delegation.reauth.title")} onClose={onBack} describedBy={describedById}>
      <FormLayout
        errors={form.errors}
        pending={reauth.isPending}
        onSubmit={submit}
        submitLabel={t("delegation.reauth.confirm")}
        before={
          <Notice tone="info">
            <p id={describedById}>{t("delegation.reauth.explanation")}</p>
          </Notice>
        }
        actions={
          <button type="button" className="button button--secondary" onClick={onBack}>
            {t("form.cancel")}
          </button>
        }
      >
        <PasswordField
          {...form.field("password")}
          label={t("delegation.reauth.password")}
          autoComplete="current-password"
        />
      </FormLayout>
    </Dialog>
  );
}
