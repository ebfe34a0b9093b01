import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from "react";
import { FormLayout } from "@/components/FormLayout";
import { FormAlert } from "@/components/Messages";
import { Loading } from "@/components/Loading";
import { Page } from "@/components/Page";
import { TextField } from "@/components/TextField";
import { useI18n } from "@/i18n";
import { describeError, type DisplayMessage } from "@/lib/api/errors";
import { useFormErrors } from "@/lib/forms/use-form-errors";
import * as check from "@/lib/forms/validators";
import { useCreateApiToken, type NewApiToken } from "../api/create-api-token";
import { useApiTokens, type ApiToken } from "../api/list-api-tokens";
import { useRevokeApiToken } from "../api/revoke-api-token";
import { formatDate, formatDateTime, quebecDay } from "@/lib/dates";
import { Dialog } from "@/components/Dialog";
import "./api-tokens.css";

const fields = ["name", "expiresOn"] as const;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Route /jetons-integration: the user's API tokens for their office software (SPEC §14). */
export function ApiTokensPage() {
  const { t, locale } = useI18n();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revokeError, setRevokeError] = useState<DisplayMessage | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // After a revocation the row's button is gone: focus goes to the table.
  const table = useRef<HTMLTableElement>(null);

  function confirmRevocation(token: ApiToken) {
    setRevokeError(null);
    revoke.mutate(token.id, {
      onSuccess: () => {
        setRevoking(null);
        setStatus(t("apiTokens.revoked", { name: token.name }));
      },
      onError: (error) => setRevokeError(describeError(error, t, locale)),
    });
  }

  return (
    <Page title={t("apiTokens.title")}>
      <p>{t("apiTokens.intro")}</p>
      <div role="status" aria-atomic="true" className={status ? "alert alert--success" : "alert-region"}>
        {status && <p>{status}</p>}
      </div>

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

      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <div role="alert" className="alert alert--error">
          <p>{t("apiTokens.loadError")}</p>
          <p lang={describeError(tokens.error, t, locale).lang}>{describeError(tokens.error, t, locale).text}</p>
          <button type="button" className="button button--secondary" onClick={() => void tokens.refetch()}>
            {t("apiTokens.retry")}
          </button>
        </div>
      ) : (
        <div className="api-tokens-table__scroll">
          <table ref={table} tabIndex={-1} className="api-tokens-table">
            <caption>{t("apiTokens.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("apiTokens.list.name")}</th>
                <th scope="col">{t("apiTokens.list.createdAt")}</th>
                <th scope="col">{t("apiTokens.list.expiresOn")}</th>
                <th scope="col">{t("apiTokens.list.lastUsedAt")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("apiTokens.list.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.length === 0 ? (
                <tr>
                  <td colSpan={5}>{t("apiTokens.list.empty")}</td>
                </tr>
              ) : (
                tokens.data.map((token) => (
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
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={t("apiTokens.list.revokeFor", { name: token.name })}
                        onClick={() => {
                          setStatus(null);
                          setRevokeError(null);
                          setRevoking(token);
                        }}
                      >
                        {t("apiTokens.list.revoke")}
                      </button>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}

      {revoking && (
        <RevokeDialog
          token={revoking}
          pending={revoke.isPending}
          error={revokeError}
          finalFocusRef={table}
          onCancel={() => setRevoking(null)}
          onConfirm={() => confirmRevocation(revoking)}
        />
      )}
    </Page>
  );
}

function CreateForm({ onCreated }: { onCreated: (token: NewApiToken) => void }) {
  const { t } = useI18n();
  const create = useCreateApiToken();
  const errors = useFormErrors(fields);
  const headingId = useId();
  const [now] = useState(() => new Date());
  const min = quebecDay(now);
  const max = quebecDay(now, { months: 12 });
  const [name, setName] = useState("");
  const [expiresOn, setExpiresOn] = useState(() => quebecDay(now, { days: 90 }));

  function checkDate(value: string): string | undefined {
    if (value.trim() === "") return t("form.required");
    if (!datePattern.test(value)) return t("apiTokens.create.dateInvalid");
    if (value < min || value > max) return t("apiTokens.create.dateRange", { min, max });
    return undefined;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const valid = errors.validate({
      name: check.required(name, t) ?? (name.trim().length > 100 ? t("apiTokens.create.nameTooLong") : undefined),
      expiresOn: checkDate(expiresOn),
    });
    if (!valid) return;
    errors.clear();
    create.mutate(
      { name: name.trim(), expiresOn },
      {
        onError: errors.showError,
        onSuccess: (token) => {
          setName("");
          onCreated(token);
        },
      },
    );
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("apiTokens.create.heading")}</h2>
      <FormLayout
        errors={errors}
        pending={create.isPending}
        onSubmit={submit}
        submitLabel={t("apiTokens.create.submit")}
      >
        <TextField
          name="name"
          label={t("apiTokens.create.name")}
          hint={t("apiTokens.create.nameHint")}
          required
          maxLength={100}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.fieldErrors.name}
        />
        <TextField
          name="expiresOn"
          type="date"
          label={t("apiTokens.create.expiresOn")}
          hint={t("apiTokens.create.expiresOnHint", { min, max })}
          required
          min={min}
          max={max}
          value={expiresOn}
          onChange={(event) => setExpiresOn(event.target.value)}
          error={errors.fieldErrors.expiresOn}
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

function RevokeDialog({
  token,
  pending,
  error,
  onCancel,
  onConfirm,
  finalFocusRef,
}: {
  finalFocusRef: RefObject<HTMLElement | null>;
  token: ApiToken;
  pending: boolean;
  error: DisplayMessage | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const questionId = useId();
  // The safe answer has focus first.
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={t("apiTokens.revoke.title")}
      onClose={onCancel}
      describedBy={questionId}
      role="alertdialog"
      initialFocusRef={cancelRef}
      finalFocusRef={finalFocusRef}
    >
      <div id={questionId}>
        <p>{t("apiTokens.revoke.question", { name: token.name })}</p>
        <p>{t("apiTokens.revoke.effect")}</p>
      </div>
      <FormAlert message={error} />
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          aria-busy={pending || undefined}
          onClick={() => {
            if (!pending) onConfirm();
          }}
        >
          {t("apiTokens.revoke.confirm")}
        </button>
        <button ref={cancelRef} type="button" className="button button--secondary" onClick={onCancel}>
          {t("apiTokens.revoke.cancel")}
        </button>
      </div>
    </Dialog>
  );
}
