import { useId, type InputHTMLAttributes } from "react";
import type { DisplayMessage } from "@/lib/api/errors";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "required"> {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: DisplayMessage | undefined;
}

/**
 * A labelled input. The error and the hint are tied to it by aria-describedby, and
 * aria-invalid marks it when it has an error. The asterisk is visual; aria-required says it.
 */
export function TextField({ name, label, required = false, hint, error, type = "text", ...input }: TextFieldProps) {
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
      <input
        {...input}
        id={id}
        name={name}
        type={type}
        className="field__input"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <p id={errorId} className="field__error" lang={error.lang}>
          {error.text}
        </p>
      )}
    </div>
  );
}
