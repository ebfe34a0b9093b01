import { Link, Navigate, useParams } from "react-router";
import { FormAlert } from "@/components/Messages";
import { Loading } from "@/components/Loading";
import { useI18n } from "@/i18n";
import { ApiError, describeError } from "@/lib/api/errors";
import { fullName } from "@/lib/auth/me";
import { useDossier } from "../api/get-dossier";
import { useDossierMessages, type DossierMessage } from "../api/list-dossier-messages";
import type { DossierKind } from "../api/list-dossiers";
import { useMarkDossierMessageRead } from "../api/mark-dossier-message-read";
import { formatDate, formatDateTime } from "@/lib/dates";
import { arpentagePaths, cadastrePaths, dossierPath } from "../lib/paths";
import { QueryProblem } from "./AccessNotice";
import { ClosingDateExtensionForm } from "./ClosingDateExtensionForm";
import { kindKey, statusKey } from "./labels";
import { MessageList } from "./MessageList";
import { ServicePage } from "./ServicePage";

/** One dossier of the surveyor acted for: its particulars and messages (and, for a survey, the extension form). */
export function DossierDetailPage({ kind }: { kind: DossierKind }) {
  const { t } = useI18n();
  const number = useParams().number ?? "";
  const valid = /^[0-9]{7}$/.test(number);
  const dossier = useDossier(number);
  const title = t("services.dossier.title", { number });
  const back = (
    <p>
      <Link to={kind === "cadastre" ? cadastrePaths.dossiers : arpentagePaths.dossiers}>
        {t(kind === "cadastre" ? "services.dossier.backCadastre" : "services.dossier.backArpentage")}
      </Link>
    </p>
  );

  if (!valid || (dossier.error instanceof ApiError && dossier.error.status === 404)) {
    return (
      <ServicePage title={title}>
        <p>{t("services.dossier.notFound")}</p>
        {back}
      </ServicePage>
    );
  }
  if (dossier.isError) {
    return (
      <ServicePage title={title}>
        <QueryProblem error={dossier.error} onRetry={() => void dossier.refetch()} />
        {back}
      </ServicePage>
    );
  }
  const data = dossier.data;
  if (!data) return <Loading />;
  // A survey dossier opened from the Cadastre tab (or the reverse) belongs to the other tab.
  if (data.kind !== kind) return <Navigate to={dossierPath(data.kind, data.number)} replace />;

  return (
    <ServicePage title={title}>
      {back}
      <dl className="details">
        <dt>{t("services.dossiers.col.title")}</dt>
        <dd>{data.title}</dd>
        <dt>{t("services.dossier.kind")}</dt>
        <dd>{t(kindKey(data.kind))}</dd>
        <dt>{t("services.dossiers.col.status")}</dt>
        <dd>{t(statusKey(data.status))}</dd>
        <dt>{t("services.dossiers.col.closingDate")}</dt>
        <dd>{data.closingDate ?? t("services.none")}</dd>
        <dt>{t("services.dossier.responsible")}</dt>
        <dd>
          {t("portal.actingFor", { name: fullName(data.responsible), matricule: data.responsible.matricule ?? "" })}
        </dd>
        <dt>{t("services.dossier.openedAt")}</dt>
        <dd>{formatDate(data.openedAt)}</dd>
      </dl>
      <section aria-labelledby="dossier-messages">
        <h2 id="dossier-messages">{t("services.messages.heading")}</h2>
        <DossierMessages number={data.number} />
      </section>
      {data.kind === "arpentage" && (
        <section aria-labelledby="closing-date-extension">
          <h2 id="closing-date-extension">{t("services.extension.heading")}</h2>
          <ClosingDateExtensionForm dossier={data} />
        </section>
      )}
    </ServicePage>
  );
}

function DossierMessages({ number }: { number: string }) {
  const { t, locale } = useI18n();
  const messages = useDossierMessages(number);
  const markRead = useMarkDossierMessageRead(number);
  if (messages.isError) return <QueryProblem error={messages.error} onRetry={() => void messages.refetch()} />;
  if (!messages.data) return <Loading />;
  const readNote = (message: DossierMessage) =>
    message.readAt
      ? message.readBy
        ? t("services.messages.readBy", { date: formatDateTime(message.readAt), name: fullName(message.readBy) })
        : t("services.messages.readAt", { date: formatDateTime(message.readAt) })
      : undefined;
  return (
    <MessageList
      entries={messages.data.map((message) => ({
        id: message.id,
        subject: message.subject,
        body: message.body,
        at: message.postedAt,
        read: message.read,
        readNote: readNote(message),
      }))}
      empty={t("services.messages.empty")}
      onOpen={(id) => markRead.mutate(id)}
      error={<FormAlert message={markRead.isError ? describeError(markRead.error, t, locale) : null} />}
    />
  );
}
