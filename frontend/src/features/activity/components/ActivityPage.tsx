import { useEffect, useMemo } from "react";
import { FormAlert } from "@/components/Messages";
import { useI18n } from "@/i18n";
import {
  ActivityFiltersForm,
  ActivityPagination,
  ActivityTable,
  ExportButtons,
  hasFilters,
  problemMessage,
  toggleSort,
  useActivityView,
  useTableHeading,
  viewToListQuery,
  withFilters,
} from "@/components/activity-table";
import { exportActivities } from "../api/export-activities";
import { useActivityFilters } from "../api/get-activity-filters";
import { useActivities } from "../api/list-activities";

/** Délégation ▸ Suivi des activités. */
export function ActivityPage() {
  const { t, locale } = useI18n();
  const title = t("activity.title");
  const heading = useTableHeading(title);
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
      <ExportButtons view={view} exportFile={exportActivities} />
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
