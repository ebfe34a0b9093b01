import { useEffect, useMemo, useState } from "react";
import {
  ActivityFiltersForm,
  ActivityPageFrame,
  ActivityResults,
  adminActivityTypes,
  ExportButtons,
  useActivityView,
  viewToListQuery,
  withFilters,
  type ActivityFilterValues,
  type ExportLabels,
  type PersonRef,
} from "@/components/activity-table";
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
  useEffect(() => {
    if (!items) return;
    setSeen((current) => {
      const fresh = items.filter(
        (person, index) =>
          !current.some((known) => known.userId === person.userId) &&
          items.findIndex((other) => other.userId === person.userId) === index,
      );
      return fresh.length > 0 ? [...current, ...fresh] : current;
    });
  }, [items]);
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
  const { t } = useI18n();
  const title = t("admin.journal.title");
  const [view, setView] = useActivityView(adminActivityTypes);
  const query = useMemo(() => viewToListQuery(view), [view]);
  const activities = useAdminActivities(query);
  const data = activities.data;
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

  return (
    <ActivityPageFrame title={title} intro={t("admin.journal.intro")}>
      <ActivityFiltersForm
        filters={view.filters}
        values={filterValues}
        valuesFailed={false}
        principalFilter={false}
        onApply={(filters) => setView(withFilters(view, filters))}
      />
      <ExportButtons view={view} exportFile={exportAdminActivities} labels={exportLabels} />
      <ActivityResults
        view={view}
        setView={setView}
        activities={activities}
        caption={title}
        paginationLabel={t("admin.journal.pagination")}
      />
    </ActivityPageFrame>
  );
}
