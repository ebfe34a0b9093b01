import { useState, type FormEvent } from "react";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { required } from "@/lib/forms/validators";
import { useLogin } from "../api/login";
import { FormLayout } from "@/components/FormLayout";

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
    <FormLayout errors={errors} pending={login.isPending} onSubmit={submit} submitLabel={t("login.submit")}>
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
    </FormLayout>
  );
}
