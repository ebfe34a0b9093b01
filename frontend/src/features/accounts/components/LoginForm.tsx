import { useState, type FormEvent } from "react";
import { FormAlert } from "@/components/Messages";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { required } from "@/lib/forms/validators";
import { useLogin } from "../api/login";
import { RequiredLegend } from "@/components/RequiredLegend";

const fields = ["username", "password"] as const;

export function LoginForm({ initialUsername = "" }: { initialUsername?: string }) {
  const { t } = useI18n();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState("");
  const errors = useFormErrors(fields);
  const login = useLogin();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    if (!errors.validate({ username: required(username, t), password: required(password, t) })) return;
    errors.clear();
    login.mutate({ username: username.trim(), password }, { onError: errors.showError });
  }

  return (
    <form ref={errors.formRef} noValidate onSubmit={submit} className="form" aria-busy={login.isPending}>
      <RequiredLegend />
      <FormAlert message={errors.formError} />
      <TextField
        name="username"
        label={t("login.username")}
        required
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onChange={(event) => setUsername(event.target.value)}
        error={errors.fieldErrors.username}
      />
      <TextField
        name="password"
        type="password"
        label={t("login.password")}
        required
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={errors.fieldErrors.password}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary">
          {t("login.submit")}
        </button>
      </div>
    </form>
  );
}
