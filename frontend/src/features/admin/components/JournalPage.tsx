import { useEffect, useMemo, useState } from "react";
import {
  ActivityFiltersForm,
  ActivityPagination,
  ActivityTable,
  adminActivityTypes,
  ExportButtons,
  hasFilters,
  problemMessage,
  toggleSort,
  useActivityView,
  useTableHeading,
  viewToListQuery,
  withFilters,
  type ActivityFilterValues,
  type ExportLabels,
  type PersonRef,
} from "@/components/activity-table";
import { FormAlert } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { useMe } from "@/lib/auth/me";
import { exportAdminActivities, useAdminActivities } from "../api/admin-activities";

const exportLabels: ExportLabels = { xlsx: "admin.journal.export.xlsx", pdf: "admin.journal.export.pdf" };

/**
 * The people offered in « Réalisée par »: the administrator signed in and everyone seen acting in
 * the journal's pages shown so far (the administrators and « Système (ligne de commande) »).
 */
function useJournalActors(items: PersonRef[] | undefined): PersonRef[] {
  const me = useMe().data;
  const [seen, setSeen] = useState<PersonRef[]>([]);
  const [merged, setMerged] = useState<PersonRef[] | undefined>(undefined);
  // Each new page is merged while rendering, as React advises for state that follows props
  // (items is memoized by the caller, so this runs once a page).
  if (items && items !== merged) {
    setMerged(items);
    setSeen((current) => {
      const fresh = items.filter(
        (person, index) =>
          !current.some((known) => known.userId === person.userId) &&
          items.findIndex((other) => other.userId === person.userId) === index,
      );
      return fresh.length > 0 ? [...current, ...fresh] : current;
    });
  }
  return useMemo(() => {
    const people =
      me && !seen.some((person) => person.userId === me.id)
        ? [
            { userId: me.id, username: me.username, firstName: me.firstName, lastName: me.lastName, matricule: null },
            ...seen,
          ]
        : seen;
    return [...people].sort((a, b) =>
      `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, "fr-CA"),
    );
  }, [me, seen]);
}

/**
 * Administration ▸ Journal d'administration (§13, §15): the administrators' actions and the
 * command line's, in the table of « Suivi des activités » with its filters, sort, paging and
 * exports, from GET /api/v1/admin/activities.
 */
export function JournalPage() {
  const { t, locale } = useI18n();
  const title = t("admin.journal.title");
  const heading = useTableHeading(title);
  const [view, setView] = useActivityView(adminActivityTypes);
  const query = useMemo(() => viewToListQuery(view), [view]);
  const activities = useAdminActivities(query);
  const data = activities.data;
  const filtered = hasFilters(view.filters);
  const rowActors = useMemo(() => data?.items.map((item) => item.actor), [data]);
  const actors = useJournalActors(rowActors);
  const filterValues = useMemo<ActivityFilterValues>(
    () => ({
      types: adminActivityTypes.map((code) => ({ code, label: t(`activity.type.${code}`) })),
      actors,
      principals: [],
    }),
    [actors, t],
  );

  // A page past the end (the journal was filtered elsewhere, an old link): show the last one.
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
      <p>{t("admin.journal.intro")}</p>
      <ActivityFiltersForm
        filters={view.filters}
        values={filterValues}
        valuesFailed={false}
        principalFilter={false}
        onApply={(filters) => setView(withFilters(view, filters))}
      />
      <ExportButtons view={view} exportFile={exportAdminActivities} labels={exportLabels} />
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
            caption={title}
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
              label={t("admin.journal.pagination")}
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
