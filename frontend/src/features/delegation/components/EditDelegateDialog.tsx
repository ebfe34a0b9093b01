import { useId, useState, type FormEvent } from "react";
import { FormAlert } from "@/components/Messages";
import { LiveSentence } from "@/components/Feedback";
import { useI18n } from "@/i18n";
import type { DisplayMessage } from "@/lib/api/errors";
import { fullName } from "@/lib/auth/me";
import type { Delegate } from "../api/list-delegates";
import { useUpdateDelegate } from "../api/update-delegate";
import { describeDelegationError, problemCode } from "../lib/errors";
import { sortServices } from "../lib/services";
import { Dialog } from "@/components/Dialog";
import { ReauthenticationDialog } from "./ReauthenticationDialog";
import { ScopeFields, useScope } from "./ScopeFields";

interface EditDelegateDialogProps {
  delegate: Delegate;
  onSaved: (delegate: Delegate) => void;
  onClose: () => void;
}

/**
 * « Modifier »: the services and the end date of a délégataire (SPEC §11). Narrowing takes effect at
 * once; granting more asks for the password first (« Confirmez votre identité », SPEC §12), then
 * the same change is sent again.
 */
export function EditDelegateDialog({ delegate, onSaved, onClose }: EditDelegateDialogProps) {
  const { t, locale } = useI18n();
  const [step, setStep] = useState<"edit" | "reauth">("edit");
  const scope = useScope({ services: sortServices(delegate.services), endsOn: delegate.endsOn ?? "" });
  const [error, setError] = useState<DisplayMessage | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const update = useUpdateDelegate();
  const introId = useId();

  function save() {
    if (update.isPending) return;
    setError(null);
    if (!scope.check()) {
      setError({ text: t("form.hasErrors") });
      return;
    }
    const { services, endsOn } = scope;
    update.mutate(
      { userId: delegate.userId, body: { services, endsOn: endsOn === "" ? null : endsOn } },
      {
        onSuccess: onSaved,
        onError: (e) => {
          setProgress(null);
          if (problemCode(e) === "reauthentication_required") {
            setStep("reauth");
            return;
          }
          setError(describeDelegationError(e, t, locale, { not_found: "delegation.edit.notFound" }));
        },
      },
    );
  }

  if (step === "reauth") {
    const back = () => {
      setStep("edit");
      setError({ text: t("delegation.reauth.notConfirmed") });
    };
    return (
      <ReauthenticationDialog
        key="reauth"
        onBack={back}
        onConfirmed={() => {
          setStep("edit");
          setProgress(t("delegation.reauth.confirmedSaving"));
          save();
        }}
      />
    );
  }

  return (
    <Dialog
      key="edit"
      title={t("delegation.edit.title", { name: fullName(delegate) })}
      onClose={onClose}
      describedBy={introId}
    >
      <form
        noValidate
        aria-busy={update.isPending}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          save();
        }}
      >
        <p id={introId}>{t("delegation.edit.intro")}</p>
        <ScopeFields {...scope.fields} />
        <LiveSentence text={progress} tone="info" />
        <FormAlert message={error} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={update.isPending || undefined}>
            {t("delegation.edit.save")}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("delegation.edit.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
