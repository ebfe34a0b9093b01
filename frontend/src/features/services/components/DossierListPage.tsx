import { useId, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import { useDossiers, type DossierKind } from "../api/list-dossiers";
import { dossierPath } from "../lib/paths";
import { PagedTable } from "./PagedTable";
import { ServicePage } from "./ServicePage";
import { statusKey } from "./labels";
import { UnreadMarker } from "./UnreadMarker";

const searchFields = ["number"] as const;

/**
 * Suivi des dossiers (Cadastre tab) and Suivi des dossiers d'arpentage (Arpentage tab): the
 * dossiers of the surveyor acted for, searched by number, ten a page. Search and page live in
 * the address (?numero=…&page=…), so Back returns to the same view.
 */
export function DossierListPage({ kind }: { kind: DossierKind }) {
  const { t } = useI18n();
  const headingId = useId();
  const [params, setParams] = useSearchParams();
  const number = params.get("numero") ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const [draft, setDraft] = useState(number);
  const errors = useFormErrors(searchFields);
  const { formRef } = errors;
  const dossiers = useDossiers({ kind, page, ...(number ? { number } : {}) });

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = draft.trim();
    if (
      !errors.validate({
        number: value === "" || /^[0-9]{1,7}$/.test(value) ? undefined : t("services.dossiers.invalidSearch"),
      })
    )
      return;
    setParams(value ? { numero: value } : {});
  }

  const title = t(kind === "cadastre" ? "portal.tab.cadastre" : "portal.tab.arpentage");
  const heading = t(kind === "cadastre" ? "services.nav.dossiers" : "services.nav.surveyDossiers");

  return (
    <ServicePage title={title}>
      <h2 id={headingId}>{heading}</h2>
      <form
        ref={formRef}
        noValidate
        onSubmit={search}
        className="search-form"
        role="search"
        aria-label={t("services.dossiers.searchLabel")}
      >
        <TextField
          name="number"
          label={t("services.dossiers.col.number")}
          hint={t("services.dossiers.searchHint")}
          inputMode="numeric"
          autoComplete="off"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          error={errors.fieldErrors.number}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            {t("services.dossiers.searchSubmit")}
          </button>
          {number && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft("");
                errors.clear();
                setParams({});
              }}
            >
              {t("services.dossiers.searchClear")}
            </button>
          )}
        </div>
      </form>
      <PagedTable
        query={dossiers}
        labelledBy={headingId}
        name={heading}
        columns={[
          t("services.dossiers.col.number"),
          t("services.dossiers.col.title"),
          t("services.dossiers.col.status"),
          t("services.dossiers.col.closingDate"),
          t("services.dossiers.col.unread"),
          t("services.dossiers.col.read"),
        ]}
        row={(dossier) => (
          <tr key={dossier.number} className={dossier.read ? undefined : "data-table__row--unread"}>
            <th scope="row">
              <Link to={dossierPath(dossier.kind, dossier.number)}>{dossier.number}</Link>
            </th>
            <td>{dossier.title}</td>
            <td>{t(statusKey(dossier.status))}</td>
            <td>{dossier.closingDate ?? t("services.none")}</td>
            <td>
              {dossier.unreadMessages > 0 ? (
                <>
                  {dossier.unreadMessages} <UnreadMarker />
                </>
              ) : (
                "0"
              )}
            </td>
            <td>{t(dossier.read ? "services.yes" : "services.no")}</td>
          </tr>
        )}
        empty={t(number ? "services.dossiers.emptySearch" : "services.dossiers.empty")}
        summary="services.pagination.dossiers"
        onPage={(next) => setParams(number ? { numero: number, page: String(next) } : { page: String(next) })}
      />
    </ServicePage>
  );
}
