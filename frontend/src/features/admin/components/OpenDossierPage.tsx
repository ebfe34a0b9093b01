import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { FormLayout } from "@/components/FormLayout";
import { Loading } from "@/components/Loading";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { fullName } from "@/lib/auth/me";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useCreateDossier, type Dossier, type DossierKind } from "../api/create-dossier";
import { useSurveyors } from "../api/list-surveyors";
import { dossierMessagePath } from "../lib/paths";
import { dossierNumberPattern, limits, matriculePattern } from "../lib/validation";
import { LiveStatus, LoadError } from "./Feedback";
import { SelectField } from "./fields";

type Field = "number" | "kind" | "matricule" | "title" | "closingDate";
const fields: readonly Field[] = ["number", "kind", "matricule", "title", "closingDate"];
const kinds: readonly DossierKind[] = ["cadastre", "arpentage"];
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Administration ▸ Ouvrir un dossier, for a surveyor (POST /api/v1/admin/dossiers). */
export function OpenDossierPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const surveyors = useSurveyors();
  const [number, setNumber] = useState("");
  const [kind, setKind] = useState<DossierKind>("cadastre");
  const [matricule, setMatricule] = useState(() => params.get("matricule") ?? "");
  const [title, setTitle] = useState("");
  const [closingDate, setClosingDate] = useState("");
  const [opened, setOpened] = useState<Dossier | null>(null);
  const errors = useFormErrors(fields);
  const create = useCreateDossier();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    setOpened(null);
    const trimmedNumber = number.trim();
    const trimmedTitle = title.trim();
    const valid = errors.validate({
      number:
        trimmedNumber === ""
          ? t("form.required")
          : dossierNumberPattern.test(trimmedNumber)
            ? undefined
            : t("admin.invalidDossierNumber"),
      matricule:
        matricule === ""
          ? t("form.required")
          : matriculePattern.test(matricule)
            ? undefined
            : t("admin.invalidMatricule"),
      title:
        trimmedTitle === ""
          ? t("form.required")
          : trimmedTitle.length > limits.title
            ? t("admin.tooLong", { max: limits.title })
            : undefined,
      closingDate: closingDate === "" || datePattern.test(closingDate) ? undefined : t("admin.invalidDate"),
    });
    if (!valid) return;
    create.mutate(
      {
        number: trimmedNumber,
        kind,
        matricule,
        title: trimmedTitle,
        ...(closingDate === "" ? {} : { closingDate }),
      },
      {
        onError: errors.showError,
        onSuccess: (dossier) => {
          errors.clear();
          setNumber("");
          setTitle("");
          setClosingDate("");
          setOpened(dossier);
        },
      },
    );
  }

  return (
    <Page title={t("admin.dossier.title")}>
      <p>{t("admin.dossier.intro")}</p>
      {surveyors.isError && <LoadError error={surveyors.error} onRetry={() => void surveyors.refetch()} />}
      {!surveyors.data && !surveyors.isError ? (
        <Loading />
      ) : (
        <FormLayout
          errors={errors}
          pending={create.isPending}
          onSubmit={submit}
          submitLabel={t("admin.dossier.submit")}
        >
          <TextField
            name="number"
            label={t("admin.dossier.number")}
            hint={t("admin.dossier.numberHint")}
            required
            inputMode="numeric"
            autoComplete="off"
            value={number}
            onChange={(event) => setNumber(event.target.value)}
            error={errors.fieldErrors.number}
          />
          <SelectField
            name="kind"
            label={t("admin.dossier.kind")}
            required
            value={kind}
            onChange={(event) => {
              const next = kinds.find((value) => value === event.target.value);
              if (next) setKind(next);
            }}
            error={errors.fieldErrors.kind}
          >
            {kinds.map((value) => (
              <option key={value} value={value}>
                {t(value === "cadastre" ? "admin.dossier.kind.cadastre" : "admin.dossier.kind.arpentage")}
              </option>
            ))}
          </SelectField>
          {surveyors.data ? (
            <SelectField
              name="matricule"
              label={t("admin.dossier.surveyor")}
              hint={surveyors.data.length === 0 ? t("admin.dossier.noSurveyors") : undefined}
              required
              value={matricule}
              onChange={(event) => setMatricule(event.target.value)}
              error={errors.fieldErrors.matricule}
            >
              <option value="">{t("admin.dossier.chooseSurveyor")}</option>
              {surveyors.data.map((surveyor) => (
                <option key={surveyor.userId} value={surveyor.matricule}>
                  {t("admin.dossier.surveyorOption", { name: fullName(surveyor), matricule: surveyor.matricule })}
                </option>
              ))}
            </SelectField>
          ) : (
            // The list could not be loaded: the matricule is typed in.
            <TextField
              name="matricule"
              label={t("admin.grant.matricule")}
              hint={t("admin.grant.matriculeHint")}
              required
              inputMode="numeric"
              autoComplete="off"
              value={matricule}
              onChange={(event) => setMatricule(event.target.value.trim())}
              error={errors.fieldErrors.matricule}
            />
          )}
          <TextField
            name="title"
            label={t("admin.dossier.dossierTitle")}
            hint={t("admin.dossier.dossierTitleHint")}
            required
            maxLength={limits.title}
            autoComplete="off"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            error={errors.fieldErrors.title}
          />
          <TextField
            name="closingDate"
            type="date"
            label={t("admin.dossier.closingDate")}
            hint={t("admin.dossier.closingDateHint")}
            value={closingDate}
            onChange={(event) => setClosingDate(event.target.value)}
            error={errors.fieldErrors.closingDate}
          />
        </FormLayout>
      )}
      <LiveStatus>
        {opened && (
          <>
            <p>
              {t("admin.dossier.success", {
                number: opened.number,
                name: fullName(opened.responsible),
                matricule: opened.responsible.matricule ?? matricule,
              })}
            </p>
            <p>
              <Link to={dossierMessagePath(opened.number)}>
                {t("admin.dossier.postMessage", { number: opened.number })}
              </Link>
            </p>
          </>
        )}
      </LiveStatus>
    </Page>
  );
}
