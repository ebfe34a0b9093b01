/** Query keys of the administration console. */
export const adminKeys = {
  all: ["admin"] as const,
  surveyors: ["admin", "surveyors"] as const,
  activities: ["admin", "activities"] as const,
  activityFilters: ["admin", "activity-filters"] as const,
};
