import { useI18n } from "@/i18n";
import { describeError } from "@/lib/api/errors";

/**
 * A polite live region that stays in the page, so that a message put in it later (after a
 * dialog closed, say) is announced.
 */
export function LiveStatus({ message, tone = "success" }: { message: string | null; tone?: "success" | "info" }) {
  return (
    <div role="status" aria-atomic="true" className={message ? `alert alert--${tone}` : "alert-region"}>
      {message && <p>{message}</p>}
    </div>
  );
}

/** A list that could not be loaded, with a way to ask again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, locale } = useI18n();
  const message = describeError(error, t, locale);
  return (
    <div role="alert" className="alert alert--error">
      <p>{t("delegation.loadError")}</p>
      <p lang={message.lang}>{message.text}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t("delegation.retry")}
      </button>
    </div>
  );
}
