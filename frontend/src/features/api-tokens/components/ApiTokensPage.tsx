import { useEffect, useId, useRef, useState } from "react";
import { FormLayout } from "@/components/FormLayout";
import { FormAlert } from "@/components/Messages";
import { requiredUpTo } from "@/lib/forms/validators";
import { LiveSentence, Loaded } from "@/components/Feedback";
import { EmptyRow, RowAction, TableHead } from "@/components/DataTable";
import { ConfirmationDialog, useConfirmation } from "@/components/Confirmation";
import { useForm } from "@/components/use-form";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { useCreateApiToken, type NewApiToken } from "../api/create-api-token";
import { useApiTokens, type ApiToken } from "../api/list-api-tokens";
import { useRevokeApiToken } from "../api/revoke-api-token";
import { formatDate, formatDateTime, isIsoDate, quebecDay } from "@/lib/dates";
import "./api-tokens.css";

/** Route /jetons-integration: the user's API tokens for their office software (SPEC §14). */
export function ApiTokensPage() {
  const { t } = useI18n();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const revocation = useConfirmation(
    revoke,
    (token: ApiToken) => token.id,
    (token) => setStatus(t("apiTokens.revoked", { name: token.name })),
    { onOpen: () => setStatus(null) },
  );
  // After a revocation the row's button is gone: focus goes to the table.
  const table = useRef<HTMLTableElement>(null);

  return (
    <Page title={t("apiTokens.title")}>
      <p>{t("apiTokens.intro")}</p>
      <LiveSentence text={status} />

      {created ? (
        <NewSecret
          token={created}
          onDone={() => {
            setCreated(null);
          }}
        />
      ) : (
        <CreateForm
          onCreated={(token) => {
            setStatus(null);
            setCreated(token);
          }}
        />
      )}

      <Loaded query={tokens} errorTitle={t("apiTokens.loadError")}>
        {(list) => (
          <div className="api-tokens-table__scroll">
            <table ref={table} tabIndex={-1} className="api-tokens-table">
              <caption>{t("apiTokens.list.caption")}</caption>
              <TableHead
                columns={[
                  ...(["name", "createdAt", "expiresOn", "lastUsedAt"] as const).map((column) =>
                    t(`apiTokens.list.${column}`),
                  ),
                  { hidden: t("apiTokens.list.actions") },
                ]}
              />
              <tbody>
                {list.length === 0 ? (
                  <EmptyRow colSpan={5}>{t("apiTokens.list.empty")}</EmptyRow>
                ) : (
                  list.map((token) => (
                    <tr key={token.id}>
                      <th scope="row">{token.name}</th>
                      <td>
                        <time dateTime={token.createdAt}>{formatDate(token.createdAt)}</time>
                      </td>
                      <td>
                        <time dateTime={token.expiresOn}>{token.expiresOn}</time>
                      </td>
                      <td>
                        {token.lastUsedAt ? (
                          <time dateTime={token.lastUsedAt}>{formatDateTime(token.lastUsedAt)}</time>
                        ) : (
                          t("apiTokens.list.never")
                        )}
                      </td>
                      <td>
                        <RowAction
                          label={t("apiTokens.list.revoke")}
                          ariaLabel={t("apiTokens.list.revokeFor", { name: token.name })}
                          onClick={() => revocation.open(token)}
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

      <ConfirmationDialog confirmation={revocation} texts="apiTokens.revoke" finalFocusRef={table}>
        {(token) => (
          <>
            <p>{t("apiTokens.revoke.question", { name: token.name })}</p>
            <p>{t("apiTokens.revoke.effect")}</p>
          </>
        )}
      </ConfirmationDialog>
    </Page>
  );
}

function CreateForm({ onCreated }: { onCreated: (token: NewApiToken) => void }) {
  const { t } = useI18n();
  const create = useCreateApiToken();
  const headingId = useId();
  const [now] = useState(() => new Date());
  const min = quebecDay(now);
  const max = quebecDay(now, { months: 12 });
  const form = useForm({ name: "", expiresOn: quebecDay(now, { days: 90 }) });
  const name = form.values.name.trim();
  const { expiresOn } = form.values;

  function checkDate(value: string): string | undefined {
    if (value.trim() === "") return t("form.required");
    if (!isIsoDate(value)) return t("apiTokens.create.dateInvalid");
    if (value < min || value > max) return t("apiTokens.create.dateRange", { min, max });
    return undefined;
  }

  const submit = form.onSubmit(
    create.isPending,
    () => ({
      name: requiredUpTo(name, 100, t("apiTokens.create.nameTooLong"), t),
      expiresOn: checkDate(expiresOn),
    }),
    () =>
      create.mutate(
        { name, expiresOn },
        {
          onError: form.errors.showError,
          onSuccess: (token) => {
            form.reset("name");
            onCreated(token);
          },
        },
      ),
  );

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("apiTokens.create.heading")}</h2>
      <FormLayout
        errors={form.errors}
        pending={create.isPending}
        onSubmit={submit}
        submitLabel={t("apiTokens.create.submit")}
      >
        <TextField
          {...form.field("name")}
          label={t("apiTokens.create.name")}
          hint={t("apiTokens.create.nameHint")}
          required
          maxLength={100}
          autoComplete="off"
        />
        <TextField
          {...form.field("expiresOn")}
          type="date"
          label={t("apiTokens.create.expiresOn")}
          hint={t("apiTokens.create.expiresOnHint", { min, max })}
          required
          min={min}
          max={max}
        />
      </FormLayout>
    </section>
  );
}

/** The secret, shown once, with a warning and a copy button; focus lands on its heading. */
function NewSecret({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const warningId = useId();
  const secretId = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <section className="api-tokens-secret" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t("apiTokens.secret.heading", { name: token.name })}
      </h2>
      <div className="alert alert--warning" id={warningId}>
        <p>{t("apiTokens.secret.warning")}</p>
      </div>
      <div className="field">
        <label htmlFor={secretId} className="field__label">
          {t("apiTokens.secret.label")}
        </label>
        <input
          id={secretId}
          className="field__input api-tokens-secret__value"
          readOnly
          value={token.token}
          aria-describedby={warningId}
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div role="status" aria-atomic="true">
        {copy === "copied" && <p>{t("apiTokens.secret.copied")}</p>}
      </div>
      {copy === "failed" && <FormAlert message={{ text: t("apiTokens.secret.copyFailed") }} />}
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={() => void copySecret()}>
          {t("apiTokens.secret.copy")}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t("apiTokens.secret.done")}
        </button>
      </div>
    </section>
  );
}
