import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { NoDelegationNotice } from "@/components/ActingFor";
import { Loading } from "@/components/Loading";
import { FormAlert, Notice } from "@/components/Messages";
import { Page } from "@/components/Page";
import { useI18n } from "@/i18n";
import type { DisplayMessage } from "@/lib/api/errors";
import { isDelegantSelectionState, isDelegationNotActive } from "@/lib/auth/delegation-not-active";
import { fullName, meQueryOptions, useMe, type Me } from "@/lib/auth/me";
import { useDelegants, type Delegant } from "@/lib/auth/delegants";
import { useRenounceDelegation } from "../api/renounce-delegation";
import { useSelectDelegant } from "../api/select-delegant";
import { maySelectDelegant } from "../lib/access";
import { describeDelegationError } from "../lib/errors";
import { LiveSentence, Loaded } from "@/components/Feedback";
import { RowAction, TableHead } from "@/components/DataTable";
import { ConfirmationDialog, useConfirmation } from "@/components/Confirmation";

/**
 * Délégation ▸ Sélection d'un délégant (SPEC §4): radio table Sélection / Matricule /
 * Arpenteur-géomètre and Appliquer. Opened at once after login when a choice is required.
 */
export function DelegantSelectionPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const delegants = useDelegants();
  return (
    <Page title={t("delegation.selection.title")}>
      {!me ? (
        <Loading />
      ) : (
        <Loaded query={delegants} errorTitle={t("delegation.loadError")}>
          {(list) =>
            maySelectDelegant(me, list) ? <SelectionForm me={me} delegants={list} /> : <NoDelegationNotice me={me} />
          }
        </Loaded>
      )}
    </Page>
  );
}

function SelectionForm({ me, delegants }: { me: Me; delegants: Delegant[] }) {
  const { t, locale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const select = useSelectDelegant();
  const renounce = useRenounceDelegation();
  const baseId = useId();
  const firstRadio = useRef<HTMLInputElement>(null);
  const applyButton = useRef<HTMLButtonElement>(null);

  const actingFor = me.actingFor;
  const actingForListed = actingFor !== null && delegants.some((delegant) => delegant.userId === actingFor.userId);
  const [choice, setChoice] = useState<string | null>(null);
  const selected = choice ?? (actingForListed ? actingFor.userId : null);
  const [error, setError] = useState<DisplayMessage | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const [renounced, setRenounced] = useState(0);

  // /me still names a surveyor who is no longer in the list: the delegation ended meanwhile.
  const staleMe = actingFor !== null && !actingForListed;
  useEffect(() => {
    if (staleMe) void queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey });
  }, [staleMe, queryClient]);

  useEffect(() => {
    if (renounced > 0) applyButton.current?.focus();
  }, [renounced]);

  const notActive = status === null && (isDelegantSelectionState(location.state) || staleMe || me.delegationEnded);
  const showRenounce = delegants.some((delegant) => !delegant.self);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (select.isPending) return;
    const delegant = delegants.find((candidate) => candidate.userId === selected);
    if (!delegant) {
      setError({ text: t("delegation.selection.required") });
      firstRadio.current?.focus();
      return;
    }
    setError(null);
    setStatus(null);
    select.mutate(delegant.userId, {
      onSuccess: () => {
        setStatus(t("delegation.selection.applied", { name: fullName(delegant), matricule: delegant.matricule }));
        // The message that brought the user here has been dealt with.
        if (isDelegantSelectionState(location.state)) void navigate(location.pathname, { replace: true, state: null });
      },
      onError: (failure) => {
        setError(describeDelegationError(failure, t, locale, {}));
        if (isDelegationNotActive(failure)) setChoice(null);
      },
    });
  }

  const renouncement = useConfirmation(
    renounce,
    (delegant: Delegant) => delegant.userId,
    (delegant) => {
      if (choice === delegant.userId) setChoice(null);
      setRenounced((n) => n + 1);
      setStatus(t("delegation.renounce.done", { name: fullName(delegant), matricule: delegant.matricule }));
    },
    { describe: (failure) => describeDelegationError(failure, t, locale, {}), onOpen: () => setStatus(null) },
  );

  return (
    <>
      {notActive && (
        <div role="alert" className="alert alert--warning">
          <p>{t("delegation.selection.notActive")}</p>
        </div>
      )}
      {me.mustSelectDelegant && !notActive && (
        <Notice tone="info">
          <p>{t("delegation.selection.mustSelect")}</p>
        </Notice>
      )}
      <LiveSentence text={status} />
      <p className="delegation-current">
        {actingFor && actingForListed
          ? t("delegation.selection.current", { name: fullName(actingFor), matricule: actingFor.matricule })
          : t("delegation.selection.currentNone")}
      </p>
      <form noValidate onSubmit={apply} aria-busy={select.isPending}>
        <FormAlert message={error} />
        <fieldset className="delegation-fieldset">
          <legend>{t("delegation.selection.intro")}</legend>
          <div className="delegation-table__scroll">
            <table className="delegation-table">
              <caption className="visually-hidden">{t("delegation.selection.caption")}</caption>
              <TableHead
                columns={[
                  ...(["select", "matricule", "surveyor"] as const).map((column) =>
                    t(`delegation.selection.${column}`),
                  ),
                  showRenounce && { hidden: t("delegation.selection.actions") },
                ]}
              />
              <tbody>
                {delegants.map((delegant, index) => {
                  const rowId = `${baseId}-${index}`;
                  return (
                    <tr key={delegant.userId} className={selected === delegant.userId ? "is-selected" : undefined}>
                      <td className="delegation-table__select">
                        <input
                          ref={index === 0 ? firstRadio : undefined}
                          type="radio"
                          name="delegant"
                          value={delegant.userId}
                          checked={selected === delegant.userId}
                          onChange={() => {
                            setChoice(delegant.userId);
                            setError(null);
                          }}
                          aria-labelledby={`${rowId}-name ${rowId}-matricule`}
                        />
                      </td>
                      <td id={`${rowId}-matricule`}>{delegant.matricule}</td>
                      <th scope="row" id={`${rowId}-name`}>
                        {fullName(delegant)}
                        {delegant.self && ` ${t("delegation.selection.self")}`}
                      </th>
                      {showRenounce && (
                        <td className="delegation-table__action">
                          {!delegant.self && (
                            <RowAction
                              label={t("delegation.selection.renounce")}
                              ariaLabel={t("delegation.selection.renounceFor", { name: fullName(delegant) })}
                              className="link-button"
                              onClick={() => renouncement.open(delegant)}
                            />
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div className="form__actions">
          <button ref={applyButton} type="submit" className="button button--primary">
            {t("delegation.selection.apply")}
          </button>
        </div>
      </form>

      <ConfirmationDialog confirmation={renouncement} texts="delegation.renounce" finalFocusRef={applyButton}>
        {(delegant) => (
          <>
            <p>
              {t("delegation.renounce.question", {
                name: fullName(delegant),
                matricule: delegant.matricule,
              })}
            </p>
            <p>{t("delegation.renounce.effect")}</p>
          </>
        )}
      </ConfirmationDialog>
    </>
  );
}
