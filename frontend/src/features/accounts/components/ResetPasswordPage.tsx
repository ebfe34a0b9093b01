import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Notice } from "@/components/Messages";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { session } from "@/lib/api/client";
import type { LoginState } from "@/lib/auth/login-state";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { useResetPassword } from "../api/reset-password";
import { FormLayout } from "@/components/FormLayout";

const fields = ["newPassword", "confirmPassword"] as const;

/** Target of the link sent by e-mail: /reinitialiser-mot-de-passe?jeton=… */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("jeton")?.trim() ?? "";
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const errors = useFormErrors(fields);
  const reset = useResetPassword();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reset.isPending) return;
    const valid = errors.validate({
      newPassword: check.newPassword(newPassword, t),
      confirmPassword: check.confirmation(confirmPassword, newPassword, t),
    });
    if (!valid) return;
    errors.clear();
    reset.mutate(
      { token, newPassword },
      {
        onError: errors.showError,
        onSuccess: () => {
          // Every session of the account has ended on the server, this one included.
          if (session.getSnapshot().status === "authenticated") session.signOut("initial");
          const state: LoginState = { notice: "passwordReset" };
          void navigate("/connexion", { state });
        },
      },
    );
  }

  return (
    <Page title={t("reset.title")}>
      {token === "" ? (
        <Notice tone="warning">
          <p>{t("reset.missingToken")}</p>
        </Notice>
      ) : (
        <>
          <p>{t("reset.intro")}</p>
          <FormLayout errors={errors} pending={reset.isPending} onSubmit={submit} submitLabel={t("form.submit")}>
            <TextField
              name="newPassword"
              type="password"
              label={t("reset.newPassword")}
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
              label={t("reset.confirmPassword")}
              required
              autoComplete="new-password"
              value={confirmPassword}
              onChange={(event) => setConfirmPassword(event.target.value)}
              error={errors.fieldErrors.confirmPassword}
            />
          </FormLayout>
        </>
      )}
      <ul className="link-list">
        <li>
          <Link to="/mot-de-passe-oublie">{t("reset.newRequest")}</Link>
        </li>
        <li>
          <Link to="/connexion">{t("signup.backToLogin")}</Link>
        </li>
      </ul>
    </Page>
  );
}
