import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { StatusMessage } from "@/components/Messages";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { useRequestUsernameReminder } from "../api/request-username-reminder";
import { FormLayout } from "@/components/FormLayout";

const fields = ["email"] as const;

/** « J'ai oublié mon nom d'utilisateur ». */
export function ForgotUsernamePage() {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState("");
  const errors = useFormErrors(fields);
  const reminder = useRequestUsernameReminder();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reminder.isPending) return;
    if (!errors.validate({ email: check.email(email, t) })) return;
    errors.clear();
    reminder.mutate({ email: email.trim() }, { onError: errors.showError });
  }

  return (
    <Page title={t("forgotUsername.title")}>
      {reminder.isSuccess ? (
        <StatusMessage>
          <p>{locale === "fr-CA" && reminder.data ? reminder.data : t("forgotUsername.sent")}</p>
        </StatusMessage>
      ) : (
        <>
          <p>{t("forgotUsername.intro")}</p>
          <FormLayout errors={errors} pending={reminder.isPending} onSubmit={submit} submitLabel={t("form.submit")}>
            <TextField
              name="email"
              type="email"
              label={t("forgotUsername.email")}
              required
              autoComplete="email"
              spellCheck={false}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={errors.fieldErrors.email}
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
