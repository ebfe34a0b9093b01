import { Link, useNavigate } from "react-router";
import { EmailField, NewPasswordFields, newPasswordChecks, UsernameField } from "@/components/AccountFields";
import { FormLayout } from "@/components/FormLayout";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useForm } from "@/components/use-form";
import { useI18n } from "@/i18n";
import type { LoginState } from "@/lib/auth/login-state";
import * as check from "@/lib/forms/validators";
import { useCreateAccount } from "../api/create-account";

/** « Création d'un identifiant » (Je suis un nouvel utilisateur). */
export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useForm({ username: "", email: "", firstName: "", lastName: "", password: "", confirmPassword: "" });
  const createAccount = useCreateAccount();
  const { values } = form;

  const submit = form.onSubmit(
    createAccount.isPending,
    () => {
      const fresh = newPasswordChecks(values.password, values.confirmPassword, t);
      return {
        username: check.username(values.username, t),
        email: check.email(values.email, t),
        firstName: check.required(values.firstName, t),
        lastName: check.required(values.lastName, t),
        password: fresh.password,
        confirmPassword: fresh.confirmation,
      };
    },
    () =>
      createAccount.mutate(
        {
          username: values.username.trim(),
          email: values.email.trim(),
          firstName: values.firstName.trim(),
          lastName: values.lastName.trim(),
          password: values.password,
        },
        {
          onError: form.errors.showError,
          onSuccess: (user) => {
            const state: LoginState = { notice: "accountCreated", username: user.username };
            void navigate("/connexion", { state });
          },
        },
      ),
  );

  return (
    <Page title={t("signup.title")}>
      <p>{t("signup.intro")}</p>
      <FormLayout
        errors={form.errors}
        pending={createAccount.isPending}
        onSubmit={submit}
        submitLabel={t("signup.submit")}
        actions={
          <Link to="/connexion" className="button button--secondary">
            {t("form.cancel")}
          </Link>
        }
      >
        <UsernameField
          {...form.field("username")}
          label={t("signup.username")}
          required
          hint={t("signup.usernameHint")}
        />
        <EmailField {...form.field("email")} label={t("signup.email")} required />
        <TextField {...form.field("firstName")} label={t("signup.firstName")} required autoComplete="given-name" />
        <TextField {...form.field("lastName")} label={t("signup.lastName")} required autoComplete="family-name" />
        <NewPasswordFields
          password={form.field("password")}
          confirmation={form.field("confirmPassword")}
          labels={{ password: t("signup.password"), confirmation: t("signup.confirmPassword") }}
        />
      </FormLayout>
    </Page>
  );
}
