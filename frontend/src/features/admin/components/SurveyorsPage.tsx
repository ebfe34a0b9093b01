import { useId, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { FormLayout } from "@/components/FormLayout";
import { Loading } from "@/components/Loading";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { describeError, type DisplayMessage } from "@/lib/api/errors";
import { fullName } from "@/lib/auth/me";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useGrantSurveyor } from "../api/grant-surveyor";
import { useSurveyors, type Surveyor } from "../api/list-surveyors";
import { useRevokeSurveyor } from "../api/revoke-surveyor";
import { formatDate } from "@/lib/dates";
import { openDossierPath } from "../lib/paths";
import { filterSurveyors } from "../lib/search";
import { limits, matriculePattern } from "../lib/validation";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { LiveStatus, LoadError } from "./Feedback";

/** Administration ▸ Arpenteurs-géomètres: grant the status, search the list, withdraw the status. */
export function SurveyorsPage() {
  const { t } = useI18n();
  return (
    <Page title={t("admin.surveyors.title")}>
      <p>{t("admin.surveyors.intro")}</p>
      <GrantSurveyorForm />
      <SurveyorList />
    </Page>
  );
}

type GrantField = "username" | "matricule";
const grantFields: readonly GrantField[] = ["username", "matricule"];

function GrantSurveyorForm() {
  const { t } = useI18n();
  const headingId = useId();
  const [username, setUsername] = useState("");
  const [matricule, setMatricule] = useState("");
  const [granted, setGranted] = useState<Surveyor | null>(null);
  const errors = useFormErrors(grantFields);
  const grant = useGrantSurveyor();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (grant.isPending) return;
    setGranted(null);
    const name = username.trim();
    const number = matricule.trim();
    const valid = errors.validate({
      username:
        name === ""
          ? t("form.required")
          : name.length > limits.username
            ? t("admin.tooLong", { max: limits.username })
            : undefined,
      matricule:
        number === "" ? t("form.required") : matriculePattern.test(number) ? undefined : t("admin.invalidMatricule"),
    });
    if (!valid) return;
    grant.mutate(
      { username: name, matricule: number },
      {
        onError: errors.showError,
        onSuccess: (surveyor) => {
          errors.clear();
          setUsername("");
          setMatricule("");
          setGranted(surveyor);
        },
      },
    );
  }

  return (
    <section className="admin-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("admin.grant.title")}</h2>
      <p>{t("admin.grant.intro")}</p>
      <FormLayout errors={errors} pending={grant.isPending} onSubmit={submit} submitLabel={t("admin.grant.submit")}>
        <TextField
          name="username"
          label={t("admin.grant.username")}
          required
          autoComplete="off"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={errors.fieldErrors.username}
        />
        <TextField
          name="matricule"
          label={t("admin.grant.matricule")}
          hint={t("admin.grant.matriculeHint")}
          required
          inputMode="numeric"
          autoComplete="off"
          value={matricule}
          onChange={(event) => setMatricule(event.target.value)}
          error={errors.fieldErrors.matricule}
        />
      </FormLayout>
      <LiveStatus>
        {granted && (
          <p>
            {t("admin.grant.success", {
              name: fullName(granted),
              username: granted.username,
              matricule: granted.matricule,
            })}
          </p>
        )}
      </LiveStatus>
    </section>
  );
}

function SurveyorList() {
  const { t, locale } = useI18n();
  const headingId = useId();
  const surveyors = useSurveyors();
  const revoke = useRevokeSurveyor();
  const [query, setQuery] = useState("");
  const [revoking, setRevoking] = useState<Surveyor | null>(null);
  const [revokeError, setRevokeError] = useState<DisplayMessage | null>(null);
  const [revoked, setRevoked] = useState<Surveyor | null>(null);
  // When the row's button is gone after a withdrawal, focus goes to the list's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);

  function confirmRevoke(surveyor: Surveyor) {
    setRevokeError(null);
    revoke.mutate(surveyor.matricule, {
      onSuccess: () => {
        setRevoking(null);
        setRevoked(surveyor);
      },
      onError: (error) => setRevokeError(describeError(error, t, locale)),
    });
  }

  const all = surveyors.data ?? [];
  const shown = filterSurveyors(all, query);
  const filtering = query.trim() !== "";
  const count = filtering
    ? shown.length === 1
      ? t("admin.surveyors.filteredOne", { count: all.length })
      : t("admin.surveyors.filtered", { shown: shown.length, count: all.length })
    : all.length === 1
      ? t("admin.surveyors.countOne")
      : t("admin.surveyors.count", { count: all.length });

  return (
    <section className="admin-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("admin.surveyors.caption")}
      </h2>
      <LiveStatus>
        {revoked && <p>{t("admin.revoke.success", { name: fullName(revoked), matricule: revoked.matricule })}</p>}
      </LiveStatus>
      <div className="admin-search">
        <TextField
          name="search"
          type="search"
          label={t("admin.surveyors.search")}
          hint={t("admin.surveyors.searchHint")}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {surveyors.isError ? (
        <LoadError error={surveyors.error} onRetry={() => void surveyors.refetch()} />
      ) : !surveyors.data ? (
        <Loading />
      ) : (
        <>
          <p role="status" aria-atomic="true">
            {count}
          </p>
          <div className="admin-table__scroll">
            <table className="admin-table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">{t("admin.surveyors.col.matricule")}</th>
                  <th scope="col">{t("admin.surveyors.col.name")}</th>
                  <th scope="col">{t("admin.surveyors.col.username")}</th>
                  <th scope="col">{t("admin.surveyors.col.email")}</th>
                  <th scope="col">{t("admin.surveyors.col.grantedAt")}</th>
                  <th scope="col">{t("admin.surveyors.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="admin-table__empty">
                      {t(filtering ? "admin.surveyors.emptySearch" : "admin.surveyors.empty")}
                    </td>
                  </tr>
                ) : (
                  shown.map((surveyor) => (
                    <tr key={surveyor.userId}>
                      <th scope="row">{surveyor.matricule}</th>
                      <td>{`${surveyor.lastName}, ${surveyor.firstName}`}</td>
                      <td>{surveyor.username}</td>
                      <td>{surveyor.email}</td>
                      <td>{formatDate(surveyor.grantedAt)}</td>
                      <td className="admin-table__actions">
                        <Link
                          to={openDossierPath(surveyor.matricule)}
                          aria-label={t("admin.surveyors.openDossierFor", { name: fullName(surveyor) })}
                        >
                          {t("admin.surveyors.openDossier")}
                        </Link>
                        <button
                          type="button"
                          className="button button--secondary admin-button--small"
                          aria-label={t("admin.surveyors.revokeFor", { name: fullName(surveyor) })}
                          onClick={() => {
                            setRevoked(null);
                            setRevokeError(null);
                            setRevoking(surveyor);
                          }}
                        >
                          {t("admin.surveyors.revoke")}
                        </button>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
      {revoking && (
        <ConfirmDialog
          title={t("admin.revoke.title")}
          confirmLabel={t("admin.revoke.confirm")}
          cancelLabel={t("admin.revoke.cancel")}
          pending={revoke.isPending}
          error={revokeError}
          finalFocusRef={headingRef}
          onCancel={() => setRevoking(null)}
          onConfirm={() => confirmRevoke(revoking)}
        >
          <p>{t("admin.revoke.question", { name: fullName(revoking), matricule: revoking.matricule })}</p>
          <p>{t("admin.revoke.consequence")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
