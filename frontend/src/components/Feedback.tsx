import type { ReactNode } from "react";
import { useI18n } from "@/i18n";
import { describeError } from "@/lib/api/errors";
import { Loading } from "./Loading";

/** A result (success) or a step of a longer task such as « Vérification… » (info). */
type Tone = "success" | "info";

/**
 * A polite live region that stays in the page, so that a result put in it later (after a form
 * was sent or a dialog closed) is announced.
 */
export function LiveStatus({ children, tone = "success" }: { children: ReactNode; tone?: Tone }) {
  return (
    <div role="status" aria-atomic="true" className={children ? `alert alert--${tone}` : "alert-region"}>
      {children}
    </div>
  );
}

/** LiveStatus holding one sentence, or nothing. */
export function LiveSentence({ text, tone }: { text: string | null; tone?: Tone }) {
  return <LiveStatus tone={tone}>{text && <p>{text}</p>}</LiveStatus>;
}

/**
 * Something that could not be loaded (title says what, when the page does not already), why,
 * and a way to ask again.
 */
export function LoadError({ title, error, onRetry }: { title?: string; error: unknown; onRetry: () => void }) {
  const { t, locale } = useI18n();
  const message = describeError(error, t, locale);
  return (
    <div role="alert" className="alert alert--error">
      {title && <p>{title}</p>}
      <p lang={message.lang}>{message.text}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t("portal.retry")}
      </button>
    </div>
  );
}

interface Query<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => Promise<unknown>;
}

/** A query's data once loaded; until then the spinner, or LoadError when it failed. */
export function Loaded<T>({
  query,
  errorTitle,
  children,
}: {
  query: Query<T>;
  errorTitle: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <LoadError title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Loading />;
  return children(query.data);
}
