import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { FieldFrame, type FieldFrameProps as FrameProps } from "./TextField";

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
}: FrameProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, Own>) {
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

/** A labelled textarea (see FieldFrame); className is added to the control's. */
export function TextAreaField({
  name,
  label,
  required,
  hint,
  error,
  className,
  ...textarea
}: FrameProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Own>) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={error}>
      {(control) => (
        <textarea {...textarea} {...control} className={className ? `field__input ${className}` : "field__input"} />
      )}
    </FieldFrame>
  );
}

/** A file input; the chosen file is handed over whole (or null when the choice is cleared). */
export function FileField({
  name,
  label,
  required,
  hint,
  error,
  onFile,
  ...input
}: FrameProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, Own | "type" | "value" | "onChange"> & {
    onFile: (file: File | null) => void;
  }) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={error}>
      {(control) => (
        <input
          {...input}
          {...control}
          type="file"
          className="field__input field__input--file"
          onChange={(event) => onFile(event.target.files?.[0] ?? null)}
        />
      )}
    </FieldFrame>
  );
}
