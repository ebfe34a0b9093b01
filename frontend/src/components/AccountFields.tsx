import type { ComponentProps } from "react";
import { useI18n, type Translate } from "@/i18n";
import * as check from "@/lib/forms/validators";
import { TextField } from "./TextField";
import type { FieldBinding } from "./use-form";

type FieldProps = Omit<ComponentProps<typeof TextField>, "type">;

/** A user name (or an identifier typed like one): no capital, no spelling check. */
export function UsernameField(props: FieldProps) {
  return <TextField autoComplete="username" autoCapitalize="none" spellCheck={false} {...props} />;
}

/** An e-mail address. */
export function EmailField(props: FieldProps) {
  return <TextField autoComplete="email" spellCheck={false} {...props} type="email" />;
}

/** A required password input; autoComplete says whether it is the current or a new one. */
export function PasswordField(props: FieldProps) {
  return <TextField required {...props} type="password" />;
}

/** The checks of a new password and of its confirmation, keyed like the fields. */
export function newPasswordChecks(password: string, confirmation: string, t: Translate) {
  return {
    password: check.newPassword(password, t),
    confirmation: check.confirmation(confirmation, password, t),
  };
}

/**
 * A new password (with the rules as a hint) and its confirmation: shared by the sign-up, the
 * change of password and the reset of a forgotten one.
 */
export function NewPasswordFields<F extends string>({
  password,
  confirmation,
  labels,
}: {
  password: FieldBinding<F>;
  confirmation: FieldBinding<F>;
  labels: { password: string; confirmation: string };
}) {
  const { t } = useI18n();
  return (
    <>
      <PasswordField {...password} label={labels.password} hint={t("form.passwordHint")} autoComplete="new-password" />
      <PasswordField {...confirmation} label={labels.confirmation} autoComplete="new-password" />
    </>
  );
}
