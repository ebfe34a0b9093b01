import { useI18n, type MessageKey } from "@/i18n";

interface PaginationProps {
  page: number;
  totalPages: number;
  totalItems: number;
  /** « Page {page} de {pages} ({count} …) » for this list. */
  summary: MessageKey;
  label: string;
  onPage: (page: number) => void;
}

/** « Page 2 de 3 (23 dossiers) » with the previous and next pages. */
export function Pagination({ page, totalPages, totalItems, summary, label, onPage }: PaginationProps) {
  const { t } = useI18n();
  if (totalPages <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      <button type="button" className="button button--secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("services.pagination.previous")}
      </button>
      <p className="pagination__summary" aria-live="polite">
        {t(summary, { page, pages: totalPages, count: totalItems })}
      </p>
      <button
        type="button"
        className="button button--secondary"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        {t("services.pagination.next")}
      </button>
    </nav>
  );
}
