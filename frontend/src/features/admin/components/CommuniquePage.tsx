import { Page } from "@/components/Page";
import { useI18n } from "@/i18n";
import { usePostCommunique } from "../api/post-communique";
import { MessageForm } from "./MessageForm";

/** Administration ▸ Communiqués: published to every surveyor, each alerted by e-mail. */
export function CommuniquePage() {
  const { t } = useI18n();
  const post = usePostCommunique();
  return (
    <Page title={t("admin.communique.title")}>
      <p>{t("admin.communique.intro")}</p>
      <MessageForm
        forDossier={false}
        submitLabel={t("admin.communique.submit")}
        pending={post.isPending}
        send={({ message }, done) =>
          post.mutate(message, {
            onError: done.onError,
            onSuccess: (communique) => done.onSuccess(t("admin.communique.success", { subject: communique.subject })),
          })
        }
      />
    </Page>
  );
}
