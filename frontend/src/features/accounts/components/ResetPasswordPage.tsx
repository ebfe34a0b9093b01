import { Link, useNavigate, useSearchParams } from "react-router";
import { FormLayout } from "@/components/FormLayout";
import { Notice } from "@/components/Messages";
import { Page } from "@/components/Page";
import { NewPasswordFields, newPasswordChecks } from "@/components/AccountFields";
import { useForm } from "@/components/use-form";
import { useI18n } from "@/i18n";
import { session } from "@/lib/api/client";
import type { LoginState } from "@/lib/auth/login-state";
import { useResetPassword } from "../api/reset-password";

/** Target of the link sent by e-mail: /reinitialiser-mot-de-passe?jeton=… */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("jeton")?.trim() ?? "";
  const form = useForm({ newPassword: "", confirmPassword: "" });
  const reset = useResetPassword();
  const { newPassword, confirmPassword } = form.values;

  const submit = form.onSubmit(
    reset.isPending,
    () => {
      const fresh = newPasswordChecks(newPassword, confirmPassword, t);
      return { newPassword: fresh.password, confirmPassword: fresh.confirmation };
    },
    () =>
      reset.mutate(
        { token, newPassword },
        {
          onError: form.errors.showError,
          onSuccess: () => {
            // Every session of the account has ended on the server, this one included.
            if (session.getSnapshot().status === "authenticated") session.signOut("initial");
            const state: LoginState = { notice: "passwordReset" };
            void navigate("/connexion", { state });
          },
        },
      ),
  );

  return (
    <Page title={t("reset.title")}>
      {token === "" ? (
        <Notice tone="warning">
          <p>{t("reset.missingToken")}</p>
        </Notice>
      ) : (
        <>
          <p>{t("reset.intro")}</p>
          <FormLayout errors={form.errors} pending={reset.isPending} onSubmit={submit} submitLabel={t("form.submit")}>
            <NewPasswordFields
              password={form.field("newPassword")}
              confirmation={form.field("confirmPassword")}
              labels={{ password: t("reset.newPassword"), confirmation: t("reset.confirmPassword") }}
            />
          </FormLayout>
        </>
      )}
      <ul className="link-list">
        <li>
          <Link to="/mot-de-passe-oublie">{t("reset.newRequest")}</Link>
        </li>
        <li>
          <Link to="/connexion">{t("signup.backToLogin")}</Link>
        </li>
      </ul>
    </Page>
  );
}
