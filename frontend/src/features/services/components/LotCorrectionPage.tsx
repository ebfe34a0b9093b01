import { useId, useState, type FormEvent } from "react";
import { StatusMessage } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useCheckLotCorrection, type LotCorrectionCheck } from "../api/check-lot-correction";
import { formatLot } from "../lib/lots";
import { lotStatusKey } from "./labels";
import { checkLots, lotFieldName, LotInputs, lotRow, type LotField, type LotRow } from "./LotInputs";
import { ServicePage } from "./ServicePage";
import { FormLayout } from "@/components/FormLayout";

/** The API checks at most 100 lots at once. */
const maxLots = 100;

/** Vérification de la correction de lots: conforme, correction requise, réservé or inexistant, lot by lot. */
export function LotCorrectionPage() {
  const { t } = useI18n();
  const resultsId = useId();
  const [rows, setRows] = useState<LotRow[]>(() => [lotRow()]);
  const [result, setResult] = useState<LotCorrectionCheck | null>(null);
  const fields: LotField[] = ["lots", ...rows.map((_, index) => lotFieldName(index))];
  const errors = useFormErrors(fields);
  const checkLotsCall = useCheckLotCorrection();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (checkLotsCall.isPending) return;
    const checked = checkLots(rows, maxLots, t);
    if (!errors.validate(checked.errors)) return;
    checkLotsCall.mutate({ lots: checked.lots }, { onError: errors.showError, onSuccess: setResult });
  }

  return (
    <ServicePage title={t("services.correction.title")}>
      <p>{t("services.correction.intro")}</p>
      <FormLayout
        errors={errors}
        pending={checkLotsCall.isPending}
        onSubmit={submit}
        submitLabel={t("services.correction.submit")}
      >
        <LotInputs
          legend={t("services.correction.lots")}
          rows={rows}
          onChange={(next) => {
            setRows(next);
            if (next.length !== rows.length) errors.clear();
          }}
          max={maxLots}
          errors={errors.fieldErrors}
        />
      </FormLayout>
      <div aria-live="polite">
        {result && (
          <StatusMessage tone="info">
            <p>{t("services.correction.done", { count: result.results.length })}</p>
          </StatusMessage>
        )}
      </div>
      {result && (
        <section aria-labelledby={resultsId}>
          <h2 id={resultsId}>{t("services.correction.results")}</h2>
          <div className="table-wrap">
            <table className="data-table" aria-labelledby={resultsId}>
              <thead>
                <tr>
                  <th scope="col">{t("services.col.lot")}</th>
                  <th scope="col">{t("services.dossiers.col.status")}</th>
                  <th scope="col">{t("services.col.detail")}</th>
                </tr>
              </thead>
              <tbody>
                {result.results.map((item) => (
                  <tr key={item.lot}>
                    <th scope="row">{formatLot(item.lot)}</th>
                    <td>
                      <span className={`lot-status lot-status--${item.status}`}>{t(lotStatusKey(item.status))}</span>
                    </td>
                    <td lang="fr-CA">{item.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </ServicePage>
  );
}
