import { useCallback, useState, type ChangeEvent, type FormEvent } from "react";
import type { DisplayMessage } from "@/lib/api/errors";
import { useFormErrors, type FormErrors } from "@/lib/forms/use-form-errors";

/** What a field control needs from its form: its name, value, change handler and error. */
export interface FieldBinding<F extends string> {
  name: F;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  error: DisplayMessage | undefined;
}

type Checks<F extends string> = Partial<Record<F, string | undefined>>;

export interface Form<F extends string> {
  values: Record<F, string>;
  errors: FormErrors<F>;
  /** Spread on a TextField, TextAreaField or SelectField. */
  field: <N extends F>(name: N) => FieldBinding<N>;
  set: (name: F, value: string) => void;
  /** Empties the named fields (all of them when none is named), e.g. after a successful call. */
  reset: (...names: F[]) => void;
  /**
   * The form's onSubmit: ignored while a call is in flight, then start (e.g. hiding the previous
   * call's result; check stays free of side effects), then the client-side checks (their errors
   * are shown and focus moves to the first invalid field), then send.
   */
  onSubmit: (
    pending: boolean,
    check: () => Checks<F>,
    send: () => void,
    start?: () => void,
  ) => (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * The state of a form of text fields: their values, their errors (useFormErrors) and the
 * submit sequence. The account, administration and API-token forms use it; the forms of the
 * portal services still write the same sequence by hand.
 */
export function useForm<F extends string>(
  initial: Record<F, string>,
  options: { fields?: readonly F[]; aliases?: Readonly<Record<string, F>> } = {},
): Form<F> {
  const [values, setValues] = useState(initial);
  const errors = useFormErrors(options.fields ?? (Object.keys(initial) as F[]), options.aliases);
  const set = useCallback((name: F, value: string) => setValues((prev) => ({ ...prev, [name]: value })), []);
  return {
    values,
    errors,
    set,
    field: (name) => ({
      name,
      value: values[name],
      onChange: (event) => set(name, event.target.value),
      error: errors.fieldErrors[name],
    }),
    reset: (...names) =>
      setValues((prev) => {
        const next = { ...prev };
        for (const name of names.length > 0 ? names : (Object.keys(prev) as F[])) next[name] = "";
        return next;
      }),
    onSubmit: (pending, check, send, start) => (event) => {
      event.preventDefault();
      if (pending) return;
      start?.();
      if (errors.validate(check())) send();
    },
  };
}
