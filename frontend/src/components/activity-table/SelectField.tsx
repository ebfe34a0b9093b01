import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name"> {
  name: string;
  label: string;
  children: ReactNode;
}

/** A labelled select, styled like the other fields. */
export function SelectField({ name, label, children, ...select }: SelectFieldProps) {
  const id = `${useId()}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select {...select} id={id} name={name} className="field__input">
        {children}
      </select>
    </div>
  );
}
