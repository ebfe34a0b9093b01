import type { Locale, Translate } from "@/i18n";
import { ApiError, describeError, type DisplayMessage } from "@/lib/api/errors";

/**
 * describeError, plus the problem's field errors (e.g. the cap of « Afficher toutes les
 * activités », which suggests the export). The API writes them in French.
 */
export function problemMessage(error: unknown, t: Translate, locale: Locale): DisplayMessage {
  const message = describeError(error, t, locale);
  const fieldErrors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  const details: DisplayMessage[] = fieldErrors
    .map((fieldError) => fieldError.detail)
    .filter((detail) => detail !== message.text)
    .map((detail) => (locale === "fr-CA" ? { text: detail } : { text: detail, lang: "fr-CA" }));
  return details.length > 0 ? { ...message, details: [...(message.details ?? []), ...details] } : message;
}
