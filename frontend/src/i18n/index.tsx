import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { enCA } from "./en-CA";
import { frCA, type MessageKey } from "./fr-CA";

export type { MessageKey } from "./fr-CA";

export const locales = ["fr-CA", "en-CA"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr-CA";

export const dictionaries: Record<Locale, Record<MessageKey, string>> = {
  "fr-CA": frCA,
  "en-CA": enCA,
};

const storageKey = "espace.locale";

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(frCA, value);
}

/** Replaces every {name} placeholder by its value; unknown placeholders are left as is. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => format(dict[key], vars);
}

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    return isLocale(stored) ? stored : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? readStoredLocale());

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      globalThis.localStorage?.setItem(storageKey, next);
    } catch {
      // Preference not persisted (private mode): the choice still applies to this page.
    }
  }, []);

  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: translator(locale) }), [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
