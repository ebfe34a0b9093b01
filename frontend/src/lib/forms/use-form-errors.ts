import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useI18n } from "@/i18n";
import { ApiError, describeError, type DisplayMessage } from "@/lib/api/errors";
import { mapProblemToFields } from "@/lib/api/problem";

export type FieldMessages<F extends string> = Partial<Record<F, DisplayMessage>>;

export interface FormErrors<F extends string> {
  fieldErrors: FieldMessages<F>;
  formError: DisplayMessage | null;
  /** Shows client-side validation errors; returns true when there were none. */
  validate: (errors: Partial<Record<F, string>>) => boolean;
  /** Shows the errors of a failed call next to their fields and in the alert. */
  showError: (error: unknown) => void;
  clear: () => void;
  /** Attach to the <form>: after each failed submit, focus moves to the first invalid field. */
  formRef: React.RefObject<HTMLFormElement | null>;
}

export function useFormErrors<F extends string>(
  fields: readonly F[],
  aliases: Readonly<Record<string, F>> = {},
): FormErrors<F> {
  const { t, locale } = useI18n();
  const [fieldErrors, setFieldErrors] = useState<FieldMessages<F>>({});
  const [formError, setFormError] = useState<DisplayMessage | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  const fieldsRef = useRef(fields);
  const aliasesRef = useRef(aliases);
  // The latest arguments, for the stable callbacks below (not written during render).
  useLayoutEffect(() => {
    fieldsRef.current = fields;
    aliasesRef.current = aliases;
  });

  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [attempt]);

  const validate = useCallback(
    (errors: Partial<Record<F, string>>) => {
      const next: FieldMessages<F> = {};
      let count = 0;
      for (const field of fieldsRef.current) {
        const text = errors[field];
        if (text !== undefined) {
          next[field] = { text };
          count += 1;
        }
      }
      setFieldErrors(next);
      setFormError(count > 0 ? { text: t("form.hasErrors") } : null);
      if (count > 0) setAttempt((n) => n + 1);
      return count === 0;
    },
    [t],
  );

  const showError = useCallback(
    (error: unknown) => {
      // Messages of the API are written in French.
      const apiLang = locale === "fr-CA" ? undefined : "fr-CA";
      const fromApi = (text: string): DisplayMessage => (apiLang ? { text, lang: apiLang } : { text });
      const summary = describeError(error, t, locale);
      const next: FieldMessages<F> = {};
      let details: DisplayMessage[] = [];
      if (error instanceof ApiError && error.problem) {
        const mapped = mapProblemToFields(error.problem, fieldsRef.current, aliasesRef.current);
        for (const field of fieldsRef.current) {
          const text = mapped.fieldErrors[field];
          if (text !== undefined) next[field] = fromApi(text);
        }
        details = mapped.otherErrors.map(fromApi);
      }
      setFieldErrors(next);
      setFormError(details.length > 0 ? { ...summary, details } : summary);
      setAttempt((n) => n + 1);
    },
    [t, locale],
  );

  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  return { fieldErrors, formError, validate, showError, clear, formRef };
}
