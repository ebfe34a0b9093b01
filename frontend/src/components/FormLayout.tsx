import type { FormEvent, ReactNode } from "react";
import type { FormErrors } from "@/lib/forms/use-form-errors";
import { FormAlert } from "./Messages";
import { RequiredLegend } from "./RequiredLegend";

interface FormLayoutProps {
  /** The form's useFormErrors: its ref (focus on the first invalid field) and its alert. */
  errors: Pick<FormErrors<string>, "formRef" | "formError">;
  pending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  submitLabel: string;
  /** Shown above the legend, e.g. a warning. */
  before?: ReactNode;
  /** Buttons after the submit button. */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * A form checked on the client then sent to the API: the legend of required fields, the
 * alert of the form, its fields, then the submit button. aria-busy marks a call in flight.
 */
export function FormLayout({ errors, pending, onSubmit, submitLabel, before, actions, children }: FormLayoutProps) {
  // Taken apart, so that React's rules see a ref handed to <form>, not an object read in render.
  const { formRef, formError } = errors;
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="form" aria-busy={pending}>
      {before}
      <RequiredLegend />
      <FormAlert message={formError} />
      {children}
      <div className="form__actions">
        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
        {actions}
      </div>
    </form>
  );
}
