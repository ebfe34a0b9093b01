import { useMemo } from "react";
import { useI18n } from "@/i18n";
import {
  ActivityFiltersForm,
  ActivityPageFrame,
  ActivityResults,
  ExportButtons,
  useActivityView,
  viewToListQuery,
  withFilters,
} from "@/components/activity-table";
import { exportActivities } from "../api/export-activities";
import { useActivityFilters } from "../api/get-activity-filters";
import { useActivities } from "../api/list-activities";

/** Délégation ▸ Suivi des activités. */
export function ActivityPage() {
  const { t } = useI18n();
  const title = t("activity.title");
  const [view, setView] = useActivityView();
  const query = useMemo(() => viewToListQuery(view), [view]);
  const activities = useActivities(query);
  const filterValues = useActivityFilters();

  return (
    <ActivityPageFrame title={title} intro={t("activity.intro")}>
      <ActivityFiltersForm
        filters={view.filters}
        values={filterValues.data}
        valuesFailed={filterValues.isError}
        onApply={(filters) => setView(withFilters(view, filters))}
      />
      <ExportButtons view={view} exportFile={exportActivities} />
      <ActivityResults view={view} setView={setView} activities={activities} />
    </ActivityPageFrame>
  );
}
