import { EmailField } from "@/components/AccountFields";
import { useForm } from "@/components/use-form";
import { useI18n } from "@/i18n";
import * as check from "@/lib/forms/validators";
import { useRequestUsernameReminder } from "../api/request-username-reminder";
import { RecoveryRequestPage } from "./RecoveryRequestPage";

/** « J'ai oublié mon nom d'utilisateur ». */
export function ForgotUsernamePage() {
  const { t } = useI18n();
  const form = useForm({ email: "" });
  const reminder = useRequestUsernameReminder();
  const { email } = form.values;
  const submit = form.onSubmit(
    reminder.isPending,
    () => ({ email: check.email(email, t) }),
    () => reminder.mutate({ email: email.trim() }, { onError: form.errors.showError }),
  );
  return (
    <RecoveryRequestPage texts="forgotUsername" request={reminder} errors={form.errors} onSubmit={submit}>
      <EmailField {...form.field("email")} label={t("forgotUsername.email")} required />
    </RecoveryRequestPage>
  );
}
