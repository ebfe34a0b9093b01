import { Link } from "react-router";
import { Loading } from "@/components/Loading";
import { Notice, StatusMessage } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { ApiError } from "@/lib/api/errors";
import { useMe } from "@/lib/auth/me";
import { useDepositDm } from "../api/deposit-dm";
import { useDmDeposits } from "../api/list-dm-deposits";
import { canDepositDm } from "../lib/access";
import { formatDateTime } from "@/lib/dates";
import { cadastrePaths } from "../lib/paths";
import { DmFileForm } from "./DmFileForm";
import { HistoryList } from "./HistoryList";
import { ServicePage } from "./ServicePage";

/**
 * Dépôt d'une DM. Never delegated (SPEC §3): a délégataire, or a surveyor acting for another,
 * is not offered the action and reads why instead.
 */
export function DepositPage() {
  const { t } = useI18n();
  const me = useMe().data;
  return (
    <ServicePage title={t("services.deposit.title")}>
      {!me ? (
        <Loading />
      ) : canDepositDm(me) ? (
        <>
          <p>{t("services.deposit.intro")}</p>
          <DepositForm />
          <DepositHistory />
        </>
      ) : (
        <DepositReserved />
      )}
    </ServicePage>
  );
}

function DepositReserved() {
  const { t } = useI18n();
  return (
    <Notice tone="info">
      <p>{t("services.deposit.exclusive")}</p>
    </Notice>
  );
}

function DepositForm() {
  const { t } = useI18n();
  const deposit = useDepositDm();
  const done = deposit.data;
  const error = deposit.error instanceof ApiError ? deposit.error : null;
  // A DM that breaks rules comes back (422) with one /file error per rule: all are listed.
  const failedRules = error?.status === 422 ? (error.problem?.errors ?? []).map((item) => item.detail) : [];
  const refused = error?.problem?.code === "surveyor_only";
  if (refused) return <DepositReserved />;
  return (
    <>
      <DmFileForm
        submitLabel={t("services.deposit.submit")}
        pending={deposit.isPending}
        send={(file, onError) => deposit.mutate(file, { onError })}
      />
      {failedRules.length > 1 && (
        <div className="alert alert--error">
          <p className="alert__title">{t("services.deposit.rules")}</p>
          <ul lang="fr-CA">
            {failedRules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </div>
      )}
      <div aria-live="polite">
        {done && (
          <StatusMessage>
            <p>{t("services.deposit.success", { file: done.fileName, number: done.dossierNumber })}</p>
            <p>
              <Link to={cadastrePaths.dossier(done.dossierNumber)}>
                {t("services.deposit.openDossier", { number: done.dossierNumber })}
              </Link>
            </p>
          </StatusMessage>
        )}
      </div>
    </>
  );
}

function DepositHistory() {
  const { t } = useI18n();
  return (
    <HistoryList
      heading={t("services.deposit.history")}
      usePage={useDmDeposits}
      columns={[
        t("services.col.date"),
        t("services.deposit.file"),
        t("services.deposit.lotCount"),
        t("services.dossiers.col.number"),
      ]}
      row={(item) => (
        <tr key={item.id}>
          <td>{formatDateTime(item.depositedAt)}</td>
          <td>{item.fileName}</td>
          <td>{item.lotCount}</td>
          <td>
            <Link to={cadastrePaths.dossier(item.dossierNumber)}>{item.dossierNumber}</Link>
          </td>
        </tr>
      )}
      empty={t("services.deposit.empty")}
      summary="services.pagination.deposits"
    />
  );
}
