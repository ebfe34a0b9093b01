import type { ReactNode } from "react";
import { useI18n } from "@/i18n";
import { describeError } from "@/lib/api/errors";

/**
 * A polite live region that stays in the page, so that a result put in it later (after a form
 * was sent or a dialog closed) is announced.
 */
export function LiveStatus({ children }: { children: ReactNode }) {
  return (
    <div role="status" aria-atomic="true" className={children ? "alert alert--success" : "alert-region"}>
      {children}
    </div>
  );
}

/** A list that could not be loaded, with a way to ask again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, locale } = useI18n();
  const message = describeError(error, t, locale);
  return (
    <div role="alert" className="alert alert--error">
      <p>{t("admin.loadError")}</p>
      <p lang={message.lang}>{message.text}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t("admin.retry")}
      </button>
    </div>
  );
}
