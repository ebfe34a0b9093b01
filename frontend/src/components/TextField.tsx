import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import type { DisplayMessage } from "@/lib/api/errors";

/** What a field shows around its control. */
export interface FieldFrameProps {
  name: string;
  label: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  error?: DisplayMessage | undefined;
}

/** The attributes FieldFrame hands to its control. */
export interface FieldControlProps {
  id: string;
  name: string;
  "aria-required": true | undefined;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * Label, hint and error around one control. The error and the hint are tied to it by
 * aria-describedby (error first), and aria-invalid marks it when it has an error. The asterisk
 * is visual; aria-required says it.
 */
export function FieldFrame({
  name,
  label,
  required = false,
  hint,
  error,
  children,
}: FieldFrameProps & {
  children: (control: FieldControlProps) => ReactNode;
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

type TextFieldProps = FieldFrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "required">;

/** A labelled input (see FieldFrame). */
export function TextField({ name, label, required, hint, error, type = "text", ...input }: TextFieldProps) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={error}>
      {(control) => <input {...input} {...control} type={type} className="field__input" />}
    </FieldFrame>
  );
}
