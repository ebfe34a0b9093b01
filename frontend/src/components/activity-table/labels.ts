import { isMessageKey, type Locale, type MessageKey, type Translate } from "@/i18n";
import type { ActivitySort, ActivityType } from "./types";

export const columnLabels: Record<ActivitySort, MessageKey> = {
  date: "activity.column.date",
  dossier: "activity.column.dossier",
  activity: "activity.column.activity",
  actor: "activity.column.actor",
  principal: "activity.column.principal",
};

/**
 * The name of an activity type. The API's French label is the reference (the exports use it);
 * in English our own text by code, or the French label marked as French when we have none.
 */
export function typeLabel(
  code: ActivityType,
  apiLabel: string,
  t: Translate,
  locale: Locale,
): { text: string; lang?: Locale } {
  if (locale === "fr-CA") return { text: apiLabel };
  const key = `activity.type.${code}`;
  return isMessageKey(key) ? { text: t(key) } : { text: apiLabel, lang: "fr-CA" };
}

/** Plural form for {count} texts (« 1 activité », « 23 activités »). */
export function pluralKey<K extends string>(base: K, count: number, locale: Locale): `${K}.one` | `${K}.other` {
  return new Intl.PluralRules(locale).select(count) === "one" ? `${base}.one` : `${base}.other`;
}
