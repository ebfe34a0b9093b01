import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import type { LoginState } from "@/lib/auth/login-state";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { useCreateAccount } from "../api/create-account";
import { FormLayout } from "@/components/FormLayout";

const fields = ["username", "email", "firstName", "lastName", "password", "confirmPassword"] as const;
type Field = (typeof fields)[number];

const empty: Record<Field, string> = {
  username: "",
  email: "",
  firstName: "",
  lastName: "",
  password: "",
  confirmPassword: "",
};

/** « Création d'un identifiant » (Je suis un nouvel utilisateur). */
export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [values, setValues] = useState(empty);
  const errors = useFormErrors(fields);
  const createAccount = useCreateAccount();

  const bind = (field: Field) => ({
    name: field,
    value: values[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      setValues((prev) => ({ ...prev, [field]: event.target.value })),
    error: errors.fieldErrors[field],
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createAccount.isPending) return;
    const valid = errors.validate({
      username: check.username(values.username, t),
      email: check.email(values.email, t),
      firstName: check.required(values.firstName, t),
      lastName: check.required(values.lastName, t),
      password: check.newPassword(values.password, t),
      confirmPassword: check.confirmation(values.confirmPassword, values.password, t),
    });
    if (!valid) return;
    errors.clear();
    createAccount.mutate(
      {
        username: values.username.trim(),
        email: values.email.trim(),
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        password: values.password,
      },
      {
        onError: errors.showError,
        onSuccess: (user) => {
          const state: LoginState = { notice: "accountCreated", username: user.username };
          void navigate("/connexion", { state });
        },
      },
    );
  }

  return (
    <Page title={t("signup.title")}>
      <p>{t("signup.intro")}</p>
      <FormLayout
        errors={errors}
        pending={createAccount.isPending}
        onSubmit={submit}
        submitLabel={t("signup.submit")}
        actions={
          <Link to="/connexion" className="button button--secondary">
            {t("form.cancel")}
          </Link>
        }
      >
        <TextField
          {...bind("username")}
          label={t("signup.username")}
          required
          hint={t("signup.usernameHint")}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          {...bind("email")}
          type="email"
          label={t("signup.email")}
          required
          autoComplete="email"
          spellCheck={false}
        />
        <TextField {...bind("firstName")} label={t("signup.firstName")} required autoComplete="given-name" />
        <TextField {...bind("lastName")} label={t("signup.lastName")} required autoComplete="family-name" />
        <TextField
          {...bind("password")}
          type="password"
          label={t("signup.password")}
          required
          hint={t("form.passwordHint")}
          autoComplete="new-password"
        />
        <TextField
          {...bind("confirmPassword")}
          type="password"
          label={t("signup.confirmPassword")}
          required
          autoComplete="new-password"
        />
      </FormLayout>
    </Page>
  );
}
