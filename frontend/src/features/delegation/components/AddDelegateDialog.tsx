import { useId, useState, type FormEvent } from "react";
import { ChangePasswordForm } from "@/components/ChangePasswordForm";
import { FormAlert, Notice } from "@/components/Messages";
import { TextField } from "@/components/TextField";
import { LiveSentence } from "@/components/Feedback";
import { useI18n } from "@/i18n";
import type { DisplayMessage } from "@/lib/api/errors";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { useAddDelegate } from "../api/add-delegate";
import type { Delegate } from "../api/list-delegates";
import { useSearchDelegateCandidate, type DelegateCandidate } from "../api/search-delegate-candidates";
import { describeDelegationError, problemCode } from "../lib/errors";
import { delegableServices } from "@/lib/auth/me";
import { Dialog } from "@/components/Dialog";
import { ReauthenticationDialog } from "./ReauthenticationDialog";
import { ScopeFields, useScope } from "./ScopeFields";

const fields = ["value"] as const;
// The API names the criterion it refused; the form has a single field for both.
const aliases = { username: "value", email: "value" } as const;

interface AddDelegateDialogProps {
  onAdded: (delegate: Delegate) => void;
  onClose: () => void;
}

/**
 * « Ajouter délégataire »: search by Nom d'utilisateur or Adresse courriel, check the result,
 * choose the services granted (all by default) and an optional end date (SPEC §11), Confirmer
 * délégataire. For a first délégataire the API may first ask for a password change (« Changement
 * de mot de passe »), and for any one a recent authentication (« Confirmez votre identité »,
 * SPEC §12); once done, the délégataire is added without asking again.
 */
export function AddDelegateDialog({ onAdded, onClose }: AddDelegateDialogProps) {
  const { t, locale } = useI18n();
  const [step, setStep] = useState<"search" | "password" | "reauth">("search");
  const scope = useScope({ services: [...delegableServices], endsOn: "" });
  const [by, setBy] = useState<"username" | "email">("username");
  const [value, setValue] = useState("");
  const [addError, setAddError] = useState<DisplayMessage | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const errors = useFormErrors(fields, aliases);
  const { formRef } = errors;
  const search = useSearchDelegateCandidate();
  const add = useAddDelegate();
  const resultId = useId();
  const warningId = useId();
  const candidate = search.data;

  function submitSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (search.isPending) return;
    const problem = by === "username" ? check.username(value, t) : check.email(value, t);
    if (!errors.validate({ value: problem })) return;
    setAddError(null);
    setProgress(null);
    search.mutate({ by, value: value.trim() }, { onError: errors.showError });
  }

  function confirm(person: DelegateCandidate) {
    if (add.isPending) return;
    setAddError(null);
    if (!scope.check()) {
      setAddError({ text: t("form.hasErrors") });
      return;
    }
    const { services, endsOn } = scope;
    const body = { userId: person.userId, services, ...(endsOn ? { endsOn } : {}) };
    add.mutate(body, {
      onSuccess: onAdded,
      onError: (error) => {
        setProgress(null);
        if (problemCode(error) === "password_change_required") {
          setStep("password");
          return;
        }
        if (problemCode(error) === "reauthentication_required") {
          setStep("reauth");
          return;
        }
        setAddError(
          describeDelegationError(error, t, locale, {
            conflict: "delegation.add.conflict",
            cannot_delegate_to_self: "delegation.add.self",
            not_found: "delegation.add.notFound",
          }),
        );
      },
    });
  }

  if (step === "reauth") {
    const back = () => {
      setStep("search");
      setAddError({ text: t("delegation.reauth.notConfirmed") });
    };
    return (
      <ReauthenticationDialog
        key="reauth"
        onBack={back}
        onConfirmed={() => {
          setStep("search");
          setProgress(t("delegation.reauth.confirmedAdding"));
          if (candidate) confirm(candidate);
        }}
      />
    );
  }

  if (step === "password") {
    const backToSearch = () => {
      setStep("search");
      setAddError({ text: t("delegation.add.passwordNotChanged") });
    };
    return (
      <Dialog key="password" title={t("delegation.password.title")} onClose={backToSearch} describedBy={warningId}>
        <ChangePasswordForm
          warning={
            <Notice title={t("changePassword.warningTitle")}>
              <p id={warningId}>{t("delegation.password.warning")}</p>
            </Notice>
          }
          onCancel={backToSearch}
          onSuccess={() => {
            setStep("search");
            setProgress(t("delegation.add.passwordChanged"));
            if (candidate) confirm(candidate);
          }}
        />
      </Dialog>
    );
  }

  return (
    <Dialog key="search" title={t("delegation.add.title")} onClose={onClose}>
      <form ref={formRef} noValidate onSubmit={submitSearch} aria-busy={search.isPending}>
        <FormAlert message={errors.formError} />
        <fieldset className="delegation-choice">
          <legend className="field__label">{t("delegation.add.searchBy")}</legend>
          {(["username", "email"] as const).map((option) => (
            <label key={option} className="delegation-choice__option">
              <input
                type="radio"
                name="searchBy"
                value={option}
                checked={by === option}
                onChange={() => {
                  setBy(option);
                  errors.clear();
                }}
              />{" "}
              {t(option === "username" ? "delegation.add.byUsername" : "delegation.add.byEmail")}
            </label>
          ))}
        </fieldset>
        <div className="delegation-search">
          <TextField
            name="value"
            type={by === "email" ? "email" : "text"}
            label={t(by === "username" ? "delegation.add.usernameField" : "delegation.add.emailField")}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            error={errors.fieldErrors.value}
          />
          <button type="submit" className="button button--secondary delegation-search__button">
            {t("delegation.add.search")}
          </button>
        </div>
      </form>

      <section aria-labelledby={resultId} className="delegation-result">
        <h3 id={resultId} className="delegation-result__title">
          {t("delegation.add.result")}
        </h3>
        <div aria-live="polite" aria-atomic="true">
          {search.isPending ? (
            <p>{t("delegation.add.searching")}</p>
          ) : candidate ? (
            <>
              <dl className="delegation-result__list">
                <div>
                  <dt>{t("delegation.add.lastName")}</dt>
                  <dd>{candidate.lastName}</dd>
                </div>
                <div>
                  <dt>{t("delegation.add.firstName")}</dt>
                  <dd>{candidate.firstName}</dd>
                </div>
                <div>
                  <dt>{t("delegation.add.username")}</dt>
                  <dd>{candidate.username}</dd>
                </div>
                <div>
                  <dt>{t("delegation.add.email")}</dt>
                  <dd>{candidate.email}</dd>
                </div>
              </dl>
              <p className="delegation-result__hint">{t("delegation.add.resultHint")}</p>
            </>
          ) : candidate === null ? (
            <p>{t("delegation.add.noResult")}</p>
          ) : null}
        </div>
      </section>

      {candidate && <ScopeFields {...scope.fields} />}

      <LiveSentence text={progress} tone="info" />
      <FormAlert message={addError} />
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!candidate}
          aria-busy={add.isPending || undefined}
          onClick={() => {
            if (candidate) confirm(candidate);
          }}
        >
          {t("delegation.add.confirm")}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("delegation.add.cancel")}
        </button>
      </div>
    </Dialog>
  );
}
