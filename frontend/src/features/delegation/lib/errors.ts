import type { Locale, MessageKey, Translate } from "@/i18n";
import { ApiError, describeError, type DisplayMessage } from "@/lib/api/errors";
import type { ProblemCode } from "@/lib/api/problem";

/**
 * The message for a failed call, with this feature's own wording for the problem codes it
 * expects (e.g. conflict: « Cette personne est déjà votre délégataire. »), else the general one.
 */
export function describeDelegationError(
  error: unknown,
  t: Translate,
  locale: Locale,
  own: Partial<Record<ProblemCode, MessageKey>>,
): DisplayMessage {
  if (error instanceof ApiError) {
    const code = error.problem?.code ?? (error.status === 429 ? "rate_limited" : undefined);
    const key = code === undefined ? undefined : own[code];
    if (key !== undefined) {
      const retry = error.retryAfter !== null ? ` ${t("problem.retryAfter", { seconds: error.retryAfter })}` : "";
      return { text: `${t(key)}${retry}` };
    }
  }
  return describeError(error, t, locale);
}

export function problemCode(error: unknown): ProblemCode | null {
  return error instanceof ApiError ? (error.problem?.code ?? null) : null;
}
