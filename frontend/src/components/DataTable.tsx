import type { ReactNode } from "react";

/** A column heading; hidden ones (e.g. Actions) are read by screen readers only. */
export type Column = string | { hidden: string } | false;

/** The heading row of a data table; a false column is left out. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) =>
          column === false ? null : (
            <th key={index} scope="col">
              {typeof column === "string" ? column : <span className="visually-hidden">{column.hidden}</span>}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** The only row of a table that has nothing to show. */
export function EmptyRow({
  colSpan,
  className,
  children,
}: {
  colSpan: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <tr>
      <td colSpan={colSpan} className={className}>
        {children}
      </td>
    </tr>
  );
}

/** A button acting on one row; label names the action, ariaLabel names it with the row. */
export function RowAction({
  label,
  ariaLabel,
  className = "button button--secondary",
  onClick,
}: {
  label: string;
  ariaLabel: string;
  className?: string;
  onClick: () => void;
}) {
  return (
    <button type="button" className={className} aria-label={ariaLabel} onClick={onClick}>
      {label}
    </button>
  );
}
