import { useEffect, useRef, useState } from "react";
import { Link, Navigate } from "react-router";
import { Loading } from "@/components/Loading";
import { Notice } from "@/components/Messages";
import { Page } from "@/components/Page";
import { useI18n } from "@/i18n";
import { delegantSelectionPath } from "@/lib/auth/delegation-not-active";
import { fullName, useMe } from "@/lib/auth/me";
import { useDelegates, type Delegate } from "../api/list-delegates";
import { useRemoveDelegate } from "../api/remove-delegate";
import { actsForSelf } from "../lib/access";
import { formatDate } from "@/lib/dates";
import { describeDelegationError } from "../lib/errors";
import { AddDelegateDialog } from "./AddDelegateDialog";
import { grantsAll, serviceLabelKey, sortServices } from "../lib/services";
import { EditDelegateDialog } from "./EditDelegateDialog";
import { LiveSentence, Loaded } from "@/components/Feedback";
import { EmptyRow, RowAction, TableHead } from "@/components/DataTable";
import { ConfirmationDialog, useConfirmation } from "@/components/Confirmation";

const smallButton = "button button--secondary delegation-button--small";

/** Délégation ▸ Gestion des délégataires: for a surveyor acting in their own name (SPEC §5). */
export function DelegatesPage() {
  const { t } = useI18n();
  const me = useMe().data;
  if (!me) return <Loading />;
  if (actsForSelf(me)) return <DelegatesManager />;
  // Not a surveyor: nothing to manage here; Délégation shows what they may use.
  if (me.surveyor === null) return <Navigate to="/delegation" replace />;
  // A surveyor acting for someone else must first act for themself again.
  return (
    <Page title={t("delegation.delegates.title")}>
      <Notice tone="info">
        <p>{t("delegation.delegates.surveyorOnly")}</p>
        <p>
          <Link to={delegantSelectionPath}>{t("delegation.tab.selection")}</Link>
        </p>
      </Notice>
    </Page>
  );
}

function DelegatesManager() {
  const { t, locale } = useI18n();
  const delegates = useDelegates();
  const remove = useRemoveDelegate();
  const [adding, setAdding] = useState(false);

  const [editing, setEditing] = useState<Delegate | null>(null);

  const [status, setStatus] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // After a removal the row's button is gone: focus goes to Ajouter délégataire.
  const [removals, setRemovals] = useState(0);
  useEffect(() => {
    if (removals > 0) addButton.current?.focus();
  }, [removals]);

  const removal = useConfirmation(
    remove,
    (delegate: Delegate) => delegate.userId,
    (delegate) => {
      setRemovals((n) => n + 1);
      setStatus(t("delegation.delegates.removed", { name: fullName(delegate) }));
    },
    { describe: (error) => describeDelegationError(error, t, locale, {}), onOpen: () => setStatus(null) },
  );

  return (
    <Page title={t("delegation.delegates.title")}>
      <p>{t("delegation.delegates.intro")}</p>
      <LiveSentence text={status} />
      <div className="delegation-toolbar">
        <button
          ref={addButton}
          type="button"
          className="button button--primary"
          onClick={() => {
            setStatus(null);
            setAdding(true);
          }}
        >
          {t("delegation.delegates.add")}
        </button>
      </div>
      <Loaded query={delegates} errorTitle={t("delegation.loadError")}>
        {(list) => (
          <div className="delegation-table__scroll">
            <table className="delegation-table">
              <caption>{t("delegation.delegates.caption")}</caption>
              <TableHead
                columns={[
                  ...(["name", "email", "since", "services", "endsOn"] as const).map((column) =>
                    t(`delegation.delegates.${column}`),
                  ),
                  { hidden: t("delegation.delegates.actions") },
                ]}
              />
              <tbody>
                {list.length === 0 ? (
                  <EmptyRow colSpan={6} className="delegation-table__empty">
                    {t("delegation.delegates.empty")}
                  </EmptyRow>
                ) : (
                  list.map((delegate) => (
                    <tr key={delegate.userId}>
                      <th scope="row">{fullName(delegate)}</th>
                      <td>{delegate.email}</td>
                      <td>
                        <time dateTime={delegate.since}>{formatDate(delegate.since)}</time>
                      </td>
                      <td>
                        {grantsAll(delegate.services) ? (
                          t("delegation.delegates.allServices")
                        ) : (
                          <ul className="delegation-table__services">
                            {sortServices(delegate.services).map((service) => (
                              <li key={service}>{t(serviceLabelKey(service))}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        {delegate.endsOn ? (
                          <time dateTime={delegate.endsOn}>{delegate.endsOn}</time>
                        ) : (
                          t("delegation.delegates.noEnd")
                        )}
                      </td>
                      <td className="delegation-table__action">
                        <RowAction
                          label={t("delegation.delegates.edit")}
                          ariaLabel={t("delegation.delegates.editFor", { name: fullName(delegate) })}
                          className={smallButton}
                          onClick={() => {
                            setStatus(null);
                            setEditing(delegate);
                          }}
                        />{" "}
                        <RowAction
                          label={t("delegation.delegates.remove")}
                          ariaLabel={t("delegation.delegates.removeFor", { name: fullName(delegate) })}
                          className={smallButton}
                          onClick={() => removal.open(delegate)}
                        />
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>

      {adding && (
        <AddDelegateDialog
          onClose={() => setAdding(false)}
          onAdded={(delegate) => {
            setAdding(false);
            setStatus(t("delegation.delegates.added", { name: fullName(delegate) }));
          }}
        />
      )}
      {editing && (
        <EditDelegateDialog
          delegate={editing}
          onClose={() => setEditing(null)}
          onSaved={(delegate) => {
            setEditing(null);
            setStatus(t("delegation.delegates.updated", { name: fullName(delegate) }));
          }}
        />
      )}
      <ConfirmationDialog confirmation={removal} texts="delegation.remove" finalFocusRef={addButton}>
        {(delegate) => (
          <>
            <p>{t("delegation.remove.question", { name: fullName(delegate), email: delegate.email })}</p>
            <p>{t("delegation.remove.effect")}</p>
          </>
        )}
      </ConfirmationDialog>
    </Page>
  );
}
