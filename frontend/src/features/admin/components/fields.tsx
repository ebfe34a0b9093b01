import type { SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { FieldFrame, type FieldFrameProps } from "@/components/TextField";

type Own = "id" | "name" | "required";

/** A labelled select (see FieldFrame). */
export function SelectField({
  name,
  label,
  required,
  hint,
  error,
  children,
  ...select
}: FieldFrameProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, Own>) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={error}>
      {(control) => (
        <select {...select} {...control} className="field__input">
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/** A labelled textarea (see FieldFrame). */
export function TextAreaField({
  name,
  label,
  required,
  hint,
  error,
  ...textarea
}: FieldFrameProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Own>) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={error}>
      {(control) => <textarea {...textarea} {...control} className="field__input admin-textarea" />}
    </FieldFrame>
  );
}
