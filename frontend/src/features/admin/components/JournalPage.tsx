import { useMemo } from "react";
import {
  ActivityFiltersForm,
  ActivityPageFrame,
  ActivityResults,
  adminActivityTypes,
  ExportButtons,
  useActivityView,
  viewToListQuery,
  withFilters,
  type ExportLabels,
} from "@/components/activity-table";
import { useI18n } from "@/i18n";
import { exportAdminActivities, useAdminActivities, useAdminActivityFilters } from "../api/admin-activities";

const exportLabels: ExportLabels = { xlsx: "admin.journal.export.xlsx", pdf: "admin.journal.export.pdf" };

/**
 * Administration ▸ Journal d'administration (§13, §15): the administrators' actions and the
 * command line's, in the table of « Suivi des activités » with its filters, sort, paging and
 * exports, from GET /api/v1/admin/activities. « Réalisée par » offers everyone the journal names
 * (GET /api/v1/admin/activity-filters), not only the people of the pages seen so far.
 */
export function JournalPage() {
  const { t } = useI18n();
  const title = t("admin.journal.title");
  const [view, setView] = useActivityView(adminActivityTypes);
  const query = useMemo(() => viewToListQuery(view), [view]);
  const activities = useAdminActivities(query);
  const filterValues = useAdminActivityFilters();

  return (
    <ActivityPageFrame title={title} intro={t("admin.journal.intro")}>
      <ActivityFiltersForm
        filters={view.filters}
        values={filterValues.data}
        valuesFailed={filterValues.isError}
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
