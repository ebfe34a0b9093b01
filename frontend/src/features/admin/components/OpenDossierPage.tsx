import { Link, useSearchParams } from "react-router";
import { FormLayout } from "@/components/FormLayout";
import { Loading } from "@/components/Loading";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { fullName } from "@/lib/auth/me";
import { isIsoDate } from "@/lib/dates";
import { requiredMatching, requiredUpTo } from "@/lib/forms/validators";
import { useForm } from "@/components/use-form";
import { useCreateDossier, type DossierKind } from "../api/create-dossier";
import { DossierNumberField } from "./DossierNumberField";
import { MatriculeField } from "./MatriculeField";
import { useSurveyors } from "../api/list-surveyors";
import { dossierMessagePath } from "../lib/paths";
import { dossierNumberPattern, limits, matriculePattern } from "../lib/validation";
import { LiveStatus, LoadError } from "@/components/Feedback";
import { SelectField } from "@/components/fields";

const kinds: readonly DossierKind[] = ["cadastre", "arpentage"];

/** Administration ▸ Ouvrir un dossier, for a surveyor (POST /api/v1/admin/dossiers). */
export function OpenDossierPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const surveyors = useSurveyors();
  const form = useForm({
    number: "",
    kind: "cadastre",
    matricule: params.get("matricule") ?? "",
    title: "",
    closingDate: "",
  });
  const create = useCreateDossier();
  const opened = create.data;
  const number = form.values.number.trim();
  const title = form.values.title.trim();
  const { matricule, closingDate } = form.values;
  const kind = kinds.find((value) => value === form.values.kind) ?? "cadastre";

  const submit = form.onSubmit(
    create.isPending,
    () => ({
      number: requiredMatching(number, dossierNumberPattern, t("admin.invalidDossierNumber"), t),
      matricule: requiredMatching(matricule, matriculePattern, t("admin.invalidMatricule"), t),
      title: requiredUpTo(title, limits.title, t("admin.tooLong", { max: limits.title }), t),
      closingDate: closingDate === "" || isIsoDate(closingDate) ? undefined : t("admin.invalidDate"),
    }),
    () =>
      create.mutate(
        { number, kind, matricule, title, ...(closingDate === "" ? {} : { closingDate }) },
        {
          onError: form.errors.showError,
          onSuccess: () => form.reset("number", "title", "closingDate"),
        },
      ),
    // A new attempt hides the previous dossier's announcement.
    create.reset,
  );

  return (
    <Page title={t("admin.dossier.title")}>
      <p>{t("admin.dossier.intro")}</p>
      {surveyors.isError && (
        <LoadError title={t("admin.loadError")} error={surveyors.error} onRetry={() => void surveyors.refetch()} />
      )}
      {!surveyors.data && !surveyors.isError ? (
        <Loading />
      ) : (
        <FormLayout
          errors={form.errors}
          pending={create.isPending}
          onSubmit={submit}
          submitLabel={t("admin.dossier.submit")}
        >
          <DossierNumberField {...form.field("number")} label={t("admin.dossier.number")} />
          <SelectField {...form.field("kind")} label={t("admin.dossier.kind")} required>
            {kinds.map((value) => (
              <option key={value} value={value}>
                {t(value === "cadastre" ? "admin.dossier.kind.cadastre" : "admin.dossier.kind.arpentage")}
              </option>
            ))}
          </SelectField>
          {surveyors.data ? (
            <SelectField
              {...form.field("matricule")}
              label={t("admin.dossier.surveyor")}
              hint={surveyors.data.length === 0 ? t("admin.dossier.noSurveyors") : undefined}
              required
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
            <MatriculeField
              {...form.field("matricule")}
              onChange={(event) => form.set("matricule", event.target.value.trim())}
            />
          )}
          <TextField
            {...form.field("title")}
            label={t("admin.dossier.dossierTitle")}
            hint={t("admin.dossier.dossierTitleHint")}
            required
            maxLength={limits.title}
            autoComplete="off"
          />
          <TextField
            {...form.field("closingDate")}
            type="date"
            label={t("admin.dossier.closingDate")}
            hint={t("admin.dossier.closingDateHint")}
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
