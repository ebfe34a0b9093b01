import { useEffect, useMemo, useRef } from "react";
import { useLocation } from "react-router";
import { FormAlert } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { useActivityFilters } from "../api/get-activity-filters";
import { useActivities } from "../api/list-activities";
import { useActivityView } from "../hooks/use-activity-view";
import { problemMessage } from "../utils/problem-message";
import { hasFilters, toggleSort, viewToListQuery, withFilters } from "../utils/view";
import { ActivityFiltersForm } from "./ActivityFiltersForm";
import { ActivityPagination } from "./ActivityPagination";
import { ActivityTable } from "./ActivityTable";
import { ExportButtons } from "./ExportButtons";
import "./activity.css";

/**
 * The page's heading and title. Like the shared Page, it takes the focus after an in-app
 * navigation to the page, but not when only the view (search params) changes: sorting or
 * paging keeps the focus on the control used.
 */
function useHeading(title: string) {
  const { t } = useI18n();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const arrivedBy = useRef(location.key);
  useEffect(() => {
    document.title = `${title} — ${t("app.titleSuffix")}`;
  }, [title, t]);
  useEffect(() => {
    if (arrivedBy.current !== "default") heading.current?.focus();
  }, []);
  return heading;
}

/** Délégation ▸ Suivi des activités. */
export function ActivityPage() {
  const { t, locale } = useI18n();
  const title = t("activity.title");
  const heading = useHeading(title);
  const [view, setView] = useActivityView();
  const query = useMemo(() => viewToListQuery(view), [view]);
  const activities = useActivities(query);
  const filterValues = useActivityFilters();
  const data = activities.data;
  const filtered = hasFilters(view.filters);

  // A page past the end (the log was filtered elsewhere, an old link): show the last one.
  useEffect(() => {
    if (view.all || !data || activities.isPlaceholderData) return;
    if (data.totalPages > 0 && view.page > data.totalPages)
      setView({ ...view, page: data.totalPages }, { replace: true });
  }, [data, activities.isPlaceholderData, view, setView]);

  return (
    <div className="page activity-page">
      <div className="page__head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
      </div>
      <p>{t("activity.intro")}</p>
      <ActivityFiltersForm
        filters={view.filters}
        values={filterValues.data}
        valuesFailed={filterValues.isError}
        onApply={(filters) => setView(withFilters(view, filters))}
      />
      <ExportButtons view={view} />
      <FormAlert message={activities.isError ? problemMessage(activities.error, t, locale) : null} />
      {data ? (
        <>
          <ActivityTable
            items={activities.isError ? [] : data.items}
            sort={view.sort}
            order={view.order}
            onSort={(column) => setView(toggleSort(view, column))}
            busy={activities.isFetching}
            filtered={filtered}
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
            />
          )}
        </>
      ) : activities.isPending ? (
        <div className="loading" role="status">
          <span className="loading__spinner" aria-hidden="true" />
          {t("activity.table.loading")}
        </div>
      ) : null}
      {activities.isError && view.all && (
        <p>
          <button type="button" className="link-button" onClick={() => setView({ ...view, all: false, page: 1 })}>
            {t("activity.pagination.showPaged")}
          </button>
        </p>
      )}
    </div>
  );
}
