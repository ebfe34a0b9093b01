import { FormAlert } from "@/components/Messages";
import { Loading } from "@/components/Loading";
import { useI18n } from "@/i18n";
import { describeError } from "@/lib/api/errors";
import { useCommuniques } from "../api/list-communiques";
import { useMarkCommuniqueRead } from "../api/mark-communique-read";
import { QueryProblem } from "./AccessNotice";
import { MessageList } from "./MessageList";
import { ServicePage } from "./ServicePage";

/** Communiqués of the ministry, with the read state of the surveyor acted for. */
export function CommuniquesPage() {
  const { t, locale } = useI18n();
  const communiques = useCommuniques();
  const markRead = useMarkCommuniqueRead();
  return (
    <ServicePage title={t("services.communiques.title")}>
      {communiques.isError ? (
        <QueryProblem error={communiques.error} onRetry={() => void communiques.refetch()} />
      ) : !communiques.data ? (
        <Loading />
      ) : (
        <MessageList
          entries={communiques.data.map((communique) => ({
            id: communique.id,
            subject: communique.subject,
            body: communique.body,
            at: communique.publishedAt,
            read: communique.read,
          }))}
          empty={t("services.communiques.empty")}
          headingLevel={2}
          onOpen={(id) => markRead.mutate(id)}
          error={<FormAlert message={markRead.isError ? describeError(markRead.error, t, locale) : null} />}
        />
      )}
    </ServicePage>
  );
}
