import { useEffect, type ReactNode } from "react";
import { Loading } from "@/components/Loading";
import { FormAlert } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { ActivityPagination } from "./ActivityPagination";
import { ActivityTable } from "./ActivityTable";
import { problemMessage } from "./problem-message";
import type { ActivityPage } from "./types";
import { useTableHeading } from "./use-table-heading";
import { hasFilters, toggleSort, type ActivityView } from "./view";

/** The page frame of an activity table: its heading (see useTableHeading) and its introduction. */
export function ActivityPageFrame({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const heading = useTableHeading(title);
  return (
    <div className="page activity-page">
      <div className="page__head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
      </div>
      <p>{intro}</p>
      {children}
    </div>
  );
}

interface ActivityQuery {
  data: ActivityPage | undefined;
  error: unknown;
  isError: boolean;
  isPending: boolean;
  isFetching: boolean;
  isPlaceholderData: boolean;
}

interface ActivityResultsProps {
  view: ActivityView;
  setView: (next: ActivityView, options?: { replace?: boolean }) => void;
  activities: ActivityQuery;
  /** The table's caption and the pagination's label, when not the defaults. */
  caption?: string;
  paginationLabel?: string;
}

/**
 * The error of the last call, the table and its pagination (or the spinner before the first
 * page), and a way back to paging when showing everything failed.
 */
export function ActivityResults({ view, setView, activities, caption, paginationLabel }: ActivityResultsProps) {
  const { t, locale } = useI18n();
  const data = activities.data;

  // A page past the end (the log was filtered elsewhere, an old link): show the last one.
  useEffect(() => {
    if (view.all || !data || activities.isPlaceholderData) return;
    if (data.totalPages > 0 && view.page > data.totalPages)
      setView({ ...view, page: data.totalPages }, { replace: true });
  }, [data, activities.isPlaceholderData, view, setView]);

  return (
    <>
      <FormAlert message={activities.isError ? problemMessage(activities.error, t, locale) : null} />
      {data ? (
        <>
          <ActivityTable
            items={activities.isError ? [] : data.items}
            sort={view.sort}
            order={view.order}
            onSort={(column) => setView(toggleSort(view, column))}
            busy={activities.isFetching}
            filtered={hasFilters(view.filters)}
            caption={caption}
          />
          {!activities.isError && data.totalItems > 0 && (
            <ActivityPagination
              page={view.all ? 1 : view.page}
              totalPages={data.totalPages}
              totalItems={data.totalItems}
              pageSize={view.pageSize}
              all={view.all}
              onPage={(page) => setView({ ...view, page })}
              onPageSize={(pageSize) => setView({ ...view, pageSize, page: 1 })}
              onAll={(all) => setView({ ...view, all, page: 1 })}
              label={paginationLabel}
            />
          )}
        </>
      ) : activities.isPending ? (
        <Loading text={t("activity.table.loading")} />
      ) : null}
      {activities.isError && view.all && (
        <p>
          <button type="button" className="link-button" onClick={() => setView({ ...view, all: false, page: 1 })}>
            {t("activity.pagination.showPaged")}
          </button>
        </p>
      )}
    </>
  );
}
