import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { StatusMessage } from "@/components/Messages";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { resetRequestFor, useRequestPasswordReset } from "../api/request-password-reset";
import { FormLayout } from "@/components/FormLayout";

const fields = ["identifier"] as const;
const aliases = { username: "identifier", email: "identifier" } as const;

/** « J'ai oublié mon mot de passe ». */
export function ForgotPasswordPage() {
  const { t, locale } = useI18n();
  const [identifier, setIdentifier] = useState("");
  const errors = useFormErrors(fields, aliases);
  const resetRequest = useRequestPasswordReset();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (resetRequest.isPending) return;
    if (!errors.validate({ identifier: check.required(identifier, t) })) return;
    errors.clear();
    resetRequest.mutate(resetRequestFor(identifier), { onError: errors.showError });
  }

  return (
    <Page title={t("forgotPassword.title")}>
      {resetRequest.isSuccess ? (
        <StatusMessage>
          <p>{locale === "fr-CA" && resetRequest.data ? resetRequest.data : t("forgotPassword.sent")}</p>
        </StatusMessage>
      ) : (
        <>
          <p>{t("forgotPassword.intro")}</p>
          <FormLayout errors={errors} pending={resetRequest.isPending} onSubmit={submit} submitLabel={t("form.submit")}>
            <TextField
              name="identifier"
              label={t("forgotPassword.identifier")}
              required
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={identifier}
              onChange={(event) => setIdentifier(event.target.value)}
              error={errors.fieldErrors.identifier}
            />
          </FormLayout>
        </>
      )}
      <p>
        <Link to="/connexion">{t("signup.backToLogin")}</Link>
      </p>
    </Page>
  );
}
