import { useState, type FormEvent } from "react";
import { StatusMessage } from "@/components/Messages";
import { Loading } from "@/components/Loading";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { fullName } from "@/lib/auth/me";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useLotReservations, type LotReservation } from "../api/list-lot-reservations";
import { useDossiers } from "../api/list-dossiers";
import { useReserveLots } from "../api/reserve-lots";
import { formatDateTime } from "@/lib/dates";
import { formatLots } from "../lib/lots";
import { integerIn } from "../lib/numbers";
import { QueryProblem } from "./AccessNotice";
import { SelectField } from "@/components/fields";
import { HistoryList } from "./HistoryList";
import { ServicePage } from "./ServicePage";
import { FormLayout } from "@/components/FormLayout";

const fields = ["dossierNumber", "lotCount", "complementaryPlans"] as const;
type Field = (typeof fields)[number];

/** Réservation de lots et plans complémentaires en TR, for an open cadastre dossier. */
export function LotReservationPage() {
  const { t } = useI18n();
  return (
    <ServicePage title={t("services.reservation.title")}>
      <p>{t("services.reservation.intro")}</p>
      <ReservationForm />
      <ReservationHistory />
    </ServicePage>
  );
}

function ReservationForm() {
  const { t } = useI18n();
  // The open cadastre dossiers of the surveyor acted for (100 is the largest page of the API).
  const dossiers = useDossiers({ kind: "cadastre", pageSize: 100 });
  const [values, setValues] = useState<Record<Field, string>>({
    dossierNumber: "",
    lotCount: "1",
    complementaryPlans: "0",
  });
  const [done, setDone] = useState<LotReservation | null>(null);
  const errors = useFormErrors(fields);
  const reserve = useReserveLots();

  if (dossiers.isError) return <QueryProblem error={dossiers.error} onRetry={() => void dossiers.refetch()} />;
  if (!dossiers.data) return <Loading />;
  const open = dossiers.data.items.filter((dossier) => dossier.status !== "ferme");
  if (open.length === 0) return <p>{t("services.reservation.noDossier")}</p>;

  const bind = (field: Field) => ({
    name: field,
    value: values[field],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((prev) => ({ ...prev, [field]: event.target.value })),
    error: errors.fieldErrors[field],
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reserve.isPending) return;
    setDone(null);
    const lotCount = integerIn(values.lotCount, 1, 50);
    const plans = integerIn(values.complementaryPlans === "" ? "0" : values.complementaryPlans, 0, 10);
    const valid = errors.validate({
      dossierNumber: values.dossierNumber === "" ? t("form.required") : undefined,
      lotCount:
        values.lotCount.trim() === ""
          ? t("form.required")
          : lotCount === null
            ? t("services.form.integerRange", { min: 1, max: 50 })
            : undefined,
      complementaryPlans: plans === null ? t("services.form.integerRange", { min: 0, max: 10 }) : undefined,
    });
    if (!valid || lotCount === null || plans === null) return;
    reserve.mutate(
      { dossierNumber: values.dossierNumber, lotCount, complementaryPlans: plans },
      { onError: errors.showError, onSuccess: setDone },
    );
  }

  return (
    <>
      <FormLayout
        errors={errors}
        pending={reserve.isPending}
        onSubmit={submit}
        submitLabel={t("services.reservation.submit")}
      >
        <SelectField {...bind("dossierNumber")} label={t("services.reservation.dossier")} required>
          <option value="">{t("services.reservation.chooseDossier")}</option>
          {open.map((dossier) => (
            <option key={dossier.number} value={dossier.number}>
              {`${dossier.number} — ${dossier.title}`}
            </option>
          ))}
        </SelectField>
        <TextField
          {...bind("lotCount")}
          type="number"
          min={1}
          max={50}
          step={1}
          inputMode="numeric"
          label={t("services.reservation.lotCount")}
          hint={t("services.reservation.lotCountHint")}
          required
        />
        <TextField
          {...bind("complementaryPlans")}
          type="number"
          min={0}
          max={10}
          step={1}
          inputMode="numeric"
          label={t("services.reservation.plans")}
          hint={t("services.reservation.plansHint")}
        />
      </FormLayout>
      <div aria-live="polite">
        {done && (
          <StatusMessage>
            <p>{t("services.reservation.success", { number: done.dossierNumber, lots: formatLots(done.lots) })}</p>
            {done.complementaryPlans > 0 && (
              <p>{t("services.reservation.successPlans", { count: done.complementaryPlans })}</p>
            )}
          </StatusMessage>
        )}
      </div>
    </>
  );
}

function ReservationHistory() {
  const { t } = useI18n();
  return (
    <HistoryList
      heading={t("services.reservation.history")}
      usePage={useLotReservations}
      columns={[
        t("services.col.date"),
        t("services.dossiers.col.number"),
        t("services.col.lots"),
        t("services.reservation.plans"),
        t("services.col.doneBy"),
      ]}
      row={(reservation) => (
        <tr key={reservation.id}>
          <td>{formatDateTime(reservation.reservedAt)}</td>
          <td>{reservation.dossierNumber}</td>
          <td>{formatLots(reservation.lots)}</td>
          <td>{reservation.complementaryPlans}</td>
          <td>{fullName(reservation.doneBy)}</td>
        </tr>
      )}
      empty={t("services.reservation.empty")}
      summary="services.pagination.reservations"
    />
  );
}
