import type { ReactNode } from "react";
import { useI18n } from "@/i18n";
import { pageSizes } from "./view";
import { pluralKey } from "./labels";
import { SelectField } from "@/components/fields";

interface Props {
  page: number;
  totalPages: number;
  totalItems: number;
  pageSize: number;
  all: boolean;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
  onAll: (all: boolean) => void;
  /** The navigation's name (« Pagination du suivi des activités » unless told). */
  label?: string;
}

/** At most this many page numbers around the current one. */
const pageWindow = 5;

export function pageNumbers(page: number, totalPages: number): number[] {
  const start = Math.max(1, Math.min(page - Math.floor(pageWindow / 2), totalPages - pageWindow + 1));
  const end = Math.min(totalPages, start + pageWindow - 1);
  return Array.from({ length: end - start + 1 }, (_, index) => start + index);
}

/** « Page 2 de 3 (23 activités) », « << < 1 2 3 > >> » and « Afficher toutes les activités ». */
export function ActivityPagination({
  page,
  totalPages,
  totalItems,
  pageSize,
  all,
  onPage,
  onPageSize,
  onAll,
  label,
}: Props) {
  const { t, locale } = useI18n();
  const count = new Intl.NumberFormat(locale).format(totalItems);
  const summary = all
    ? t(pluralKey("activity.pagination.all", totalItems, locale), { count })
    : t(pluralKey("activity.pagination.summary", totalItems, locale), { page, pages: totalPages, count });

  // aria-disabled rather than disabled: the button keeps the focus after it was used.
  const control = (target: number, label: string, text: ReactNode, disabled: boolean) => (
    <button
      type="button"
      className="pagination__button"
      aria-label={label}
      aria-disabled={disabled || undefined}
      onClick={() => {
        if (!disabled) onPage(target);
      }}
    >
      <span aria-hidden="true">{text}</span>
    </button>
  );

  return (
    <nav className="pagination" aria-label={label ?? t("activity.pagination.label")}>
      <p className="pagination__summary" role="status">
        {summary}
      </p>
      {!all && totalPages > 1 && (
        <ul className="pagination__list">
          <li>{control(1, t("activity.pagination.first"), "<<", page <= 1)}</li>
          <li>{control(page - 1, t("activity.pagination.previous"), "<", page <= 1)}</li>
          {pageNumbers(page, totalPages).map((number) => (
            <li key={number}>
              <button
                type="button"
                className="pagination__button"
                aria-label={t("activity.pagination.page", { page: number })}
                aria-current={number === page ? "page" : undefined}
                onClick={() => {
                  if (number !== page) onPage(number);
                }}
              >
                {number}
              </button>
            </li>
          ))}
          <li>{control(page + 1, t("activity.pagination.next"), ">", page >= totalPages)}</li>
          <li>{control(totalPages, t("activity.pagination.last"), ">>", page >= totalPages)}</li>
        </ul>
      )}
      {all ? (
        <button type="button" className="link-button pagination__all" onClick={() => onAll(false)}>
          {t("activity.pagination.showPaged")}
        </button>
      ) : (
        totalPages > 1 && (
          <button type="button" className="link-button pagination__all" onClick={() => onAll(true)}>
            {t("activity.pagination.showAll")}
          </button>
        )
      )}
      {!all && totalItems > Math.min(...pageSizes) && (
        <div className="pagination__size">
          <SelectField
            name="pageSize"
            label={t("activity.pagination.pageSize")}
            value={String(pageSize)}
            onChange={(event) => onPageSize(Number.parseInt(event.target.value, 10))}
          >
            {[...new Set([...pageSizes, pageSize])]
              .sort((a, b) => a - b)
              .map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
          </SelectField>
        </div>
      )}
    </nav>
  );
}
