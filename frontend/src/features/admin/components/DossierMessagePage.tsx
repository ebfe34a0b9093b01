import { useSearchParams } from "react-router";
import { Page } from "@/components/Page";
import { useI18n } from "@/i18n";
import { usePostDossierMessage } from "../api/post-dossier-message";
import { MessageForm } from "./MessageForm";

/** Administration ▸ Message sur un dossier: the responsible surveyor is alerted by e-mail. */
export function DossierMessagePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const post = usePostDossierMessage();
  return (
    <Page title={t("admin.message.title")}>
      <p>{t("admin.message.intro")}</p>
      <MessageForm
        forDossier
        dossierNumber={params.get("dossier") ?? undefined}
        submitLabel={t("admin.message.submit")}
        pending={post.isPending}
        send={(input, done) =>
          post.mutate(input, {
            onError: done.onError,
            onSuccess: (message) =>
              done.onSuccess(t("admin.message.success", { subject: message.subject, number: message.dossierNumber })),
          })
        }
      />
    </Page>
  );
}
