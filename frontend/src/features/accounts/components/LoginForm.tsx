import { FormLayout } from "@/components/FormLayout";
import { PasswordField, UsernameField } from "@/components/AccountFields";
import { useForm } from "@/components/use-form";
import { useI18n } from "@/i18n";
import { required } from "@/lib/forms/validators";
import { useLogin } from "../api/login";

export function LoginForm({ initialUsername = "" }: { initialUsername?: string }) {
  const { t } = useI18n();
  const form = useForm({ username: initialUsername, password: "" });
  const login = useLogin();
  const { username, password } = form.values;

  const submit = form.onSubmit(
    login.isPending,
    () => ({ username: required(username, t), password: required(password, t) }),
    () => login.mutate({ username: username.trim(), password }, { onError: form.errors.showError }),
  );

  return (
    <FormLayout errors={form.errors} pending={login.isPending} onSubmit={submit} submitLabel={t("login.submit")}>
      <UsernameField {...form.field("username")} label={t("login.username")} required />
      <PasswordField {...form.field("password")} label={t("login.password")} autoComplete="current-password" />
    </FormLayout>
  );
}
