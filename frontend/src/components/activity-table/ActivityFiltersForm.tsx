import { useId, useRef, useState, type FormEvent } from "react";
import { Notice } from "@/components/Messages";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import type { ActivityFilterValues } from "./types";
import type { ActivityType, PersonRef } from "./types";
import { fullName } from "@/lib/auth/me";
import { isIsoDate } from "@/lib/dates";
import { emptyFilters, hasFilters, isDossierSearch, type ActivityFilters } from "./view";
import { typeLabel } from "./labels";
import { SelectField } from "@/components/fields";

interface Draft {
  from: string;
  to: string;
  dossier: string;
  types: ActivityType[];
  actor: string;
  principal: string;
}

type DraftErrors = Partial<Record<"from" | "to" | "dossier", string>>;

function toDraft(filters: ActivityFilters): Draft {
  return {
    from: filters.from ?? "",
    to: filters.to ?? "",
    dossier: filters.dossier ?? "",
    types: [...filters.types],
    actor: filters.actor ?? "",
    principal: filters.principal ?? "",
  };
}

function personLabel(person: PersonRef): string {
  return person.matricule ? `${fullName(person)} (${person.matricule})` : fullName(person);
}

interface Props {
  /** The filters in force (from the URL). */
  filters: ActivityFilters;
  /** Values offered by GET /activity-filters (undefined while loading). */
  values: ActivityFilterValues | undefined;
  valuesFailed: boolean;
  onApply: (filters: ActivityFilters) => void;
  /** Offer « Réalisée pour » (the administration journal has no principal to speak of). */
  principalFilter?: boolean;
}

/**
 * The filters of the table's columns: Date activité (Du / Au), No Dossier, Activité,
 * Réalisée par, Réalisée pour. Applied together with the Filtrer button.
 */
export function ActivityFiltersForm({ filters, values, valuesFailed, onApply, principalFilter = true }: Props) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const form = useRef<HTMLFormElement>(null);
  const filtersKey = JSON.stringify(filters);
  const [shown, setShown] = useState(filtersKey);
  const [draft, setDraft] = useState<Draft>(() => toDraft(filters));
  const [errors, setErrors] = useState<DraftErrors>({});

  // The URL changed (back button, link, Effacer): the form shows the filters in force.
  if (shown !== filtersKey) {
    setShown(filtersKey);
    setDraft(toDraft(filters));
    setErrors({});
  }

  function validate(next: Draft): DraftErrors {
    const found: DraftErrors = {};
    if (next.from && !isIsoDate(next.from)) found.from = t("activity.filters.invalidDate");
    if (next.to && !isIsoDate(next.to)) found.to = t("activity.filters.invalidDate");
    if (next.dossier && !isDossierSearch(next.dossier)) found.dossier = t("activity.filters.invalidDossier");
    if (!found.from && !found.to && next.from && next.to && next.to < next.from)
      found.to = t("activity.filters.toBeforeFrom");
    return found;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Draft = { ...draft, dossier: draft.dossier.replace(/\s/g, "") };
    const found = validate(next);
    setErrors(found);
    const firstInvalid = (["from", "to", "dossier"] as const).find((name) => found[name]);
    if (firstInvalid) {
      form.current?.querySelector<HTMLInputElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    onApply({
      from: next.from || undefined,
      to: next.to || undefined,
      dossier: next.dossier || undefined,
      types: next.types,
      actor: next.actor || undefined,
      principal: next.principal || undefined,
    });
  }

  function toggleType(code: ActivityType, checked: boolean) {
    setDraft((current) => ({
      ...current,
      types: checked ? [...current.types, code] : current.types.filter((type) => type !== code),
    }));
  }

  const people = (list: PersonRef[] | undefined, selected: string) => {
    const options = list ?? [];
    const missing = selected !== "" && !options.some((person) => person.userId === selected);
    return (
      <>
        <option value="">{t("activity.filters.anyone")}</option>
        {options.map((person) => (
          <option key={person.userId} value={person.userId}>
            {personLabel(person)}
          </option>
        ))}
        {missing && <option value={selected}>{t("activity.filters.unknownPerson")}</option>}
      </>
    );
  };

  // Types offered by the API, plus any selected one it no longer lists.
  const offeredTypes = values?.types ?? [];
  const extraTypes = draft.types.filter((code) => !offeredTypes.some((type) => type.code === code));
  const typeOptions = [...offeredTypes, ...extraTypes.map((code) => ({ code, label: t(`activity.type.${code}`) }))];

  return (
    <section className="activity-filters">
      <h2 id={headingId} className="activity-filters__title">
        {t("activity.filters.title")}
      </h2>
      {valuesFailed && (
        <Notice tone="warning">
          <p>{t("activity.filters.loadError")}</p>
        </Notice>
      )}
      <form ref={form} role="search" aria-labelledby={headingId} noValidate onSubmit={submit}>
        <div className="activity-filters__grid">
          <fieldset className="activity-filters__group">
            <legend className="field__label">{t("activity.filters.date")}</legend>
            <div className="activity-filters__dates">
              <TextField
                name="from"
                type="date"
                label={t("activity.filters.from")}
                value={draft.from}
                max={draft.to || undefined}
                error={errors.from ? { text: errors.from } : undefined}
                onChange={(event) => setDraft({ ...draft, from: event.target.value })}
              />
              <TextField
                name="to"
                type="date"
                label={t("activity.filters.to")}
                value={draft.to}
                min={draft.from || undefined}
                error={errors.to ? { text: errors.to } : undefined}
                onChange={(event) => setDraft({ ...draft, to: event.target.value })}
              />
            </div>
          </fieldset>
          <TextField
            name="dossier"
            label={t("activity.filters.dossier")}
            hint={t("activity.filters.dossierHint")}
            value={draft.dossier}
            inputMode="numeric"
            autoComplete="off"
            maxLength={9}
            error={errors.dossier ? { text: errors.dossier } : undefined}
            onChange={(event) => setDraft({ ...draft, dossier: event.target.value })}
          />
          <SelectField
            name="actor"
            label={t("activity.filters.actor")}
            value={draft.actor}
            onChange={(event) => setDraft({ ...draft, actor: event.target.value })}
          >
            {people(values?.actors, draft.actor)}
          </SelectField>
          {principalFilter && (
            <SelectField
              name="principal"
              label={t("activity.filters.principal")}
              value={draft.principal}
              onChange={(event) => setDraft({ ...draft, principal: event.target.value })}
            >
              {people(values?.principals, draft.principal)}
            </SelectField>
          )}
        </div>
        <fieldset className="activity-filters__group activity-filters__types" aria-describedby={`${headingId}-types`}>
          <legend className="field__label">{t("activity.filters.types")}</legend>
          <p id={`${headingId}-types`} className="field__hint">
            {t("activity.filters.typesHint")}
          </p>
          <ul className="activity-filters__checkboxes">
            {typeOptions.map((type) => {
              const label = typeLabel(type.code, type.label, t, locale);
              return (
                <li key={type.code}>
                  <label>
                    <input
                      type="checkbox"
                      name="type"
                      value={type.code}
                      checked={draft.types.includes(type.code)}
                      onChange={(event) => toggleType(type.code, event.target.checked)}
                    />{" "}
                    <span lang={label.lang}>{label.text}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            {t("activity.filters.apply")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDraft(toDraft(emptyFilters));
              setErrors({});
              if (hasFilters(filters)) onApply(emptyFilters);
            }}
          >
            {t("activity.filters.clear")}
          </button>
        </div>
      </form>
    </section>
  );
}
