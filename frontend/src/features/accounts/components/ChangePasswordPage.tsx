import { useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { StatusMessage } from "@/components/Messages";
import { Page } from "@/components/Page";
import { useI18n } from "@/i18n";
import { ChangePasswordForm } from "@/components/ChangePasswordForm";

/** Route /mot-de-passe, inside the portal frame. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [changed, setChanged] = useState(false);

  function cancel() {
    // Back to where the user came from, or to the home tab when the page was opened directly.
    if (location.key !== "default") void navigate(-1);
    else void navigate("/");
  }

  return (
    <Page title={t("changePassword.title")}>
      {changed && <StatusMessage>{t("changePassword.success")}</StatusMessage>}
      <ChangePasswordForm onSuccess={() => setChanged(true)} onCancel={cancel} />
    </Page>
  );
}
