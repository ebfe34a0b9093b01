import "./activity.css";
import { useI18n } from "@/i18n";
import type { Activity, ActivityOrder, ActivitySort } from "./types";
import { fullName } from "@/lib/auth/me";
import { formatDateTime } from "@/lib/dates";
import { sortColumns } from "./view";
import { columnLabels, typeLabel } from "./labels";

interface Props {
  items: Activity[];
  sort: ActivitySort;
  order: ActivityOrder;
  onSort: (column: ActivitySort) => void;
  /** A new view is loading: the rows shown are the previous ones. */
  busy: boolean;
  filtered: boolean;
  /** The table's name (« Suivi des activités » unless told). */
  caption?: string;
}

const ariaSort: Record<ActivityOrder, "ascending" | "descending"> = { asc: "ascending", desc: "descending" };

/**
 * The table of the guide: Date activité, No Dossier, Activité, Réalisée par, Réalisée pour, and
 * « Détail » (§13: what the action was about; not a sort key). An action that came through an
 * API token says so after its detail.
 */
export function ActivityTable({ items, sort, order, onSort, busy, filtered, caption }: Props) {
  const { t, locale } = useI18n();
  const name = caption ?? t("activity.table.caption");
  const sortedBy = t("activity.table.sortedBy", {
    column: t(columnLabels[sort]),
    order: t(order === "asc" ? "activity.sort.ascending" : "activity.sort.descending"),
  });
  return (
    // The table scrolls sideways on narrow screens: its region takes focus so that the keyboard
    // can scroll it (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y-x/no-noninteractive-tabindex
    <div className="activity-table__wrapper" role="region" aria-label={name} tabIndex={0}>
      <table className="activity-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">
          {name} ({sortedBy}
          {filtered ? `, ${t("activity.table.filtered")}` : ""})
        </caption>
        <thead>
          <tr>
            {sortColumns.map((column) => {
              const current = column === sort;
              return (
                <th key={column} scope="col" aria-sort={current ? ariaSort[order] : "none"}>
                  <button type="button" className="activity-table__sort" onClick={() => onSort(column)}>
                    {t(columnLabels[column])}
                    <span className="activity-table__sort-icon" aria-hidden="true">
                      {current ? (order === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col">{t("activity.column.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={sortColumns.length + 1} className="activity-table__empty">
                {filtered ? t("activity.table.emptyFiltered") : t("activity.table.empty")}
              </td>
            </tr>
          ) : (
            items.map((item) => {
              const label = typeLabel(item.type, item.label, t, locale);
              return (
                <tr key={item.id}>
                  <td>
                    <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt)}</time>
                  </td>
                  <td>{item.dossierNumber ?? ""}</td>
                  <td lang={label.lang}>{label.text}</td>
                  <td>{fullName(item.actor)}</td>
                  <td>{fullName(item.principal)}</td>
                  <td>
                    {item.detail ?? ""}
                    {item.channel === "api" ? (
                      <span className="activity-table__channel">
                        {item.detail ? " — " : ""}
                        {t("activity.channel.api")}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
