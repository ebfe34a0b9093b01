import {
  useId,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  type InputHTMLAttributes,
} from "react";
import type { DisplayMessage } from "@/lib/api/errors";

interface FrameProps {
  name: string;
  label: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  error?: DisplayMessage | undefined;
}

interface ControlProps {
  id: string;
  name: string;
  "aria-required": true | undefined;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * Label, hint and error around one control, tied to it like TextField does: aria-describedby
 * names the error then the hint, aria-invalid marks an error, the asterisk is visual only.
 */
function FieldFrame({
  name,
  label,
  required = false,
  hint,
  error,
  children,
}: FrameProps & {
  children: (control: ControlProps) => ReactNode;
}) {
  const id = `${useId()}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {children({
        id,
        name,
        "aria-required": required || undefined,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {error && (
        <p id={errorId} className="field__error" lang={error.lang}>
          {error.text}
        </p>
      )}
    </div>
  );
}

type Own = "id" | "name" | "required";

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

export function TextAreaField({
  name,
  label,
  required,
  hint,
  error,
  ...textarea
}: FrameProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Own>) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={error}>
      {(control) => <textarea {...textarea} {...control} className="field__input" />}
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
