import { Link } from "react-router";
import { StatusMessage } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { useMe } from "@/lib/auth/me";
import { usePrevalidateDm } from "../api/prevalidate-dm";
import { canDepositDm } from "../lib/access";
import { cadastrePaths } from "../lib/paths";
import { DmFileForm } from "./DmFileForm";
import { DmReport } from "./DmReport";
import { ServicePage } from "./ServicePage";

/** Prévalidation d'une DM: the file is checked against R1 to R8 and nothing is filed. */
export function PrevalidationPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const prevalidate = usePrevalidateDm();
  const report = prevalidate.data;
  return (
    <ServicePage title={t("services.prevalidation.title")}>
      <p>{t("services.prevalidation.intro")}</p>
      <DmFileForm
        submitLabel={t("services.prevalidation.submit")}
        pending={prevalidate.isPending}
        send={(file, onError) => prevalidate.mutate(file, { onError })}
      />
      <div aria-live="polite">
        {report && (
          <StatusMessage tone="info">
            <p>{t("services.prevalidation.done", { file: report.fileName })}</p>
          </StatusMessage>
        )}
      </div>
      {report && <DmReport report={report} />}
      {report?.valid && me && canDepositDm(me) && (
        <p>
          <Link to={cadastrePaths.deposit}>{t("services.prevalidation.toDeposit")}</Link>
        </p>
      )}
    </ServicePage>
  );
}
