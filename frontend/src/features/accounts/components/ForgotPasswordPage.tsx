import { UsernameField } from "@/components/AccountFields";
import { useForm } from "@/components/use-form";
import { useI18n } from "@/i18n";
import * as check from "@/lib/forms/validators";
import { resetRequestFor, useRequestPasswordReset } from "../api/request-password-reset";
import { RecoveryRequestPage } from "./RecoveryRequestPage";

const aliases = { username: "identifier", email: "identifier" } as const;

/** « J'ai oublié mon mot de passe ». */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const form = useForm({ identifier: "" }, { aliases });
  const request = useRequestPasswordReset();
  const { identifier } = form.values;
  const submit = form.onSubmit(
    request.isPending,
    () => ({ identifier: check.required(identifier, t) }),
    () => request.mutate(resetRequestFor(identifier), { onError: form.errors.showError }),
  );
  return (
    <RecoveryRequestPage texts="forgotPassword" request={request} errors={form.errors} onSubmit={submit}>
      <UsernameField {...form.field("identifier")} label={t("forgotPassword.identifier")} required />
    </RecoveryRequestPage>
  );
}
