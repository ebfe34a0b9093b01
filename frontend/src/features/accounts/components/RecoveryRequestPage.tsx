import type { FormEvent, ReactNode } from "react";
import { Link } from "react-router";
import { FormLayout } from "@/components/FormLayout";
import { StatusMessage } from "@/components/Messages";
import { Page } from "@/components/Page";
import { useI18n } from "@/i18n";
import type { FormErrors } from "@/lib/forms/use-form-errors";

interface RecoveryRequestPageProps {
  /** Where its title, intro and confirmation are among the messages. */
  texts: "forgotPassword" | "forgotUsername";
  /** The call that sends the e-mail; its answer is the API's (French) confirmation, said in French only. */
  request: { isPending: boolean; isSuccess: boolean; data?: string | undefined };
  errors: Pick<FormErrors<string>, "formRef" | "formError">;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The one field that identifies the account. */
  children: ReactNode;
}

/**
 * « J'ai oublié mon mot de passe » and « J'ai oublié mon nom d'utilisateur »: one field, then the
 * confirmation that an e-mail is on its way, and a way back to the login page.
 */
export function RecoveryRequestPage({ texts, request, errors, onSubmit, children }: RecoveryRequestPageProps) {
  const { t, locale } = useI18n();
  return (
    <Page title={t(`${texts}.title` as const)}>
      {request.isSuccess ? (
        <StatusMessage>
          <p>{locale === "fr-CA" && request.data ? request.data : t(`${texts}.sent` as const)}</p>
        </StatusMessage>
      ) : (
        <>
          <p>{t(`${texts}.intro` as const)}</p>
          <FormLayout errors={errors} pending={request.isPending} onSubmit={onSubmit} submitLabel={t("form.submit")}>
            {children}
          </FormLayout>
        </>
      )}
      <p>
        <Link to="/connexion">{t("signup.backToLogin")}</Link>
      </p>
    </Page>
  );
}
