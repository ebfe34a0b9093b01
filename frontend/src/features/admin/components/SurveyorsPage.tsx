import { useId, useRef, useState } from "react";
import { Link } from "react-router";
import { FormLayout } from "@/components/FormLayout";
import { requiredMatching, requiredUpTo } from "@/lib/forms/validators";
import { Loaded, LiveStatus } from "@/components/Feedback";
import { EmptyRow, RowAction, TableHead } from "@/components/DataTable";
import { ConfirmationDialog, useConfirmation } from "@/components/Confirmation";
import { useForm } from "@/components/use-form";
import { MatriculeField } from "./MatriculeField";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { fullName } from "@/lib/auth/me";
import { useGrantSurveyor } from "../api/grant-surveyor";
import { useSurveyors, type Surveyor } from "../api/list-surveyors";
import { useRevokeSurveyor } from "../api/revoke-surveyor";
import { formatDate } from "@/lib/dates";
import { openDossierPath } from "../lib/paths";
import { filterSurveyors } from "../lib/search";
import { limits, matriculePattern } from "../lib/validation";

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

function GrantSurveyorForm() {
  const { t } = useI18n();
  const headingId = useId();
  const form = useForm({ username: "", matricule: "" });
  const grant = useGrantSurveyor();
  const granted = grant.data;
  const username = form.values.username.trim();
  const matricule = form.values.matricule.trim();

  const submit = form.onSubmit(
    grant.isPending,
    () => ({
      username: requiredUpTo(username, limits.username, t("admin.tooLong", { max: limits.username }), t),
      matricule: requiredMatching(matricule, matriculePattern, t("admin.invalidMatricule"), t),
    }),
    () =>
      grant.mutate(
        { username, matricule },
        {
          onError: form.errors.showError,
          onSuccess: () => form.reset(),
        },
      ),
    // A new attempt hides the previous grant's announcement.
    grant.reset,
  );

  return (
    <section className="admin-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("admin.grant.title")}</h2>
      <p>{t("admin.grant.intro")}</p>
      <FormLayout
        errors={form.errors}
        pending={grant.isPending}
        onSubmit={submit}
        submitLabel={t("admin.grant.submit")}
      >
        <TextField
          {...form.field("username")}
          label={t("admin.grant.username")}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <MatriculeField {...form.field("matricule")} />
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
  const { t } = useI18n();
  const headingId = useId();
  const surveyors = useSurveyors();
  const revoke = useRevokeSurveyor();
  const [query, setQuery] = useState("");
  const [revoked, setRevoked] = useState<Surveyor | null>(null);
  const revocation = useConfirmation(revoke, (surveyor: Surveyor) => surveyor.matricule, setRevoked, {
    onOpen: () => setRevoked(null),
  });
  // When the row's button is gone after a withdrawal, focus goes to the list's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);

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
      <Loaded query={surveyors} errorTitle={t("admin.loadError")}>
        {() => (
          <>
            <p role="status" aria-atomic="true">
              {count}
            </p>
            <div className="admin-table__scroll">
              <table className="admin-table" aria-labelledby={headingId}>
                <TableHead
                  columns={(["matricule", "name", "username", "email", "grantedAt", "actions"] as const).map((column) =>
                    t(`admin.surveyors.col.${column}`),
                  )}
                />
                <tbody>
                  {shown.length === 0 ? (
                    <EmptyRow colSpan={6} className="admin-table__empty">
                      {t(filtering ? "admin.surveyors.emptySearch" : "admin.surveyors.empty")}
                    </EmptyRow>
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
                          <RowAction
                            label={t("admin.surveyors.revoke")}
                            ariaLabel={t("admin.surveyors.revokeFor", { name: fullName(surveyor) })}
                            className="button button--secondary admin-button--small"
                            onClick={() => revocation.open(surveyor)}
                          />
                        </td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Loaded>
      <ConfirmationDialog confirmation={revocation} texts="admin.revoke" finalFocusRef={headingRef}>
        {(surveyor) => (
          <>
            <p>
              {t("admin.revoke.question", {
                name: fullName(surveyor),
                matricule: surveyor.matricule,
              })}
            </p>
            <p>{t("admin.revoke.consequence")}</p>
          </>
        )}
      </ConfirmationDialog>
    </section>
  );
}
