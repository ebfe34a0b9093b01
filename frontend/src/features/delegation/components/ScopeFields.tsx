import { useId, useState } from "react";
import { useI18n } from "@/i18n";
import type { DisplayMessage } from "@/lib/api/errors";
import { isIsoDate, quebecDay } from "@/lib/dates";
import { delegableServices, type DelegableService } from "@/lib/auth/me";
import { latestEndsOn, serviceLabelKey } from "../lib/services";

/** Client-side errors of the scope, keyed by field. */
type ScopeErrors = { services?: string; endsOn?: string };

interface ScopeFieldsProps {
  services: readonly DelegableService[];
  onServicesChange: (services: DelegableService[]) => void;
  endsOn: string;
  onEndsOnChange: (endsOn: string) => void;
  errors: ScopeErrors;
}

/**
 * The scope a dialog edits: the state of ScopeFields (spread `fields` on it) and `check`, which
 * shows the client-side errors and tells whether the scope may be sent.
 */
export function useScope(initial: { services: DelegableService[]; endsOn: string }) {
  const { t } = useI18n();
  const [services, setServices] = useState(initial.services);
  const [endsOn, setEndsOn] = useState(initial.endsOn);
  const [errors, setErrors] = useState<ScopeErrors>({});
  function check(): boolean {
    const problems = checkScope(services, endsOn, t);
    setErrors(problems);
    return !problems.services && !problems.endsOn;
  }
  const fields: ScopeFieldsProps = {
    services,
    onServicesChange: setServices,
    endsOn,
    onEndsOnChange: setEndsOn,
    errors,
  };
  return { services, endsOn, check, fields };
}

/**
 * What a délégataire may do and until when (SPEC §11): one checkbox per delegable service (the dépôt
 * d'une DM is never delegated) and an optional last day, Québec calendar.
 */
export function ScopeFields({ services, onServicesChange, endsOn, onEndsOnChange, errors }: ScopeFieldsProps) {
  const servicesError: DisplayMessage | undefined = errors.services ? { text: errors.services } : undefined;
  const endsOnError: DisplayMessage | undefined = errors.endsOn ? { text: errors.endsOn } : undefined;
  const { t } = useI18n();
  const id = useId();
  const servicesErrorId = `${id}-services-error`;
  const endsOnId = `${id}-endsOn`;
  const endsOnHintId = `${id}-endsOn-hint`;
  const endsOnErrorId = `${id}-endsOn-error`;
  const toggle = (service: DelegableService, checked: boolean) =>
    onServicesChange(delegableServices.filter((s) => (s === service ? checked : services.includes(s))));
  return (
    <>
      <fieldset
        className="delegation-choice delegation-scope"
        aria-describedby={servicesError ? servicesErrorId : undefined}
        aria-invalid={servicesError ? true : undefined}
      >
        <legend className="field__label">
          {t("delegation.scope.services")}
          <span aria-hidden="true" className="field__required">
            {" "}
            *
          </span>
        </legend>
        {servicesError && (
          <p id={servicesErrorId} className="field__error" lang={servicesError.lang}>
            {servicesError.text}
          </p>
        )}
        {delegableServices.map((service) => (
          <label key={service} className="delegation-choice__option">
            <input
              type="checkbox"
              name="services"
              value={service}
              checked={services.includes(service)}
              onChange={(event) => toggle(service, event.target.checked)}
            />{" "}
            {t(serviceLabelKey(service))}
          </label>
        ))}
        <p className="delegation-scope__note">{t("delegation.scope.depositNote")}</p>
      </fieldset>
      <div className="field">
        <label htmlFor={endsOnId} className="field__label">
          {t("delegation.scope.endsOn")}
        </label>
        <p id={endsOnHintId} className="field__hint">
          {t("delegation.scope.endsOnHint")}
        </p>
        {endsOnError && (
          <p id={endsOnErrorId} className="field__error" lang={endsOnError.lang}>
            {endsOnError.text}
          </p>
        )}
        <input
          id={endsOnId}
          name="endsOn"
          type="date"
          className="field__input delegation-scope__date"
          min={quebecDay()}
          max={latestEndsOn()}
          value={endsOn}
          aria-invalid={endsOnError ? true : undefined}
          aria-describedby={[endsOnError ? endsOnErrorId : "", endsOnHintId].filter(Boolean).join(" ")}
          onChange={(event) => onEndsOnChange(event.target.value)}
        />
      </div>
    </>
  );
}

/** The client-side checks of the scope: at least one service; a date within the allowed range. */
export function checkScope(
  services: readonly DelegableService[],
  endsOn: string,
  t: (key: "delegation.scope.noService" | "delegation.scope.badDate") => string,
): { services?: string; endsOn?: string } {
  const out: { services?: string; endsOn?: string } = {};
  if (services.length === 0) out.services = t("delegation.scope.noService");
  if (endsOn !== "" && (!isIsoDate(endsOn) || endsOn < quebecDay() || endsOn > latestEndsOn())) {
    out.endsOn = t("delegation.scope.badDate");
  }
  return out;
}
