import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ActivityFilterValues } from "@/components/activity-table";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";

/** GET /api/v1/activity-filters: activity types, and the people seen as actor or principal. */
export async function getActivityFilters(): Promise<ActivityFilterValues> {
  return expectData(await api.GET("/api/v1/activity-filters"));
}

export const activityFiltersQueryOptions = queryOptions({
  queryKey: ["activity-filters"],
  queryFn: getActivityFilters,
  staleTime: 60_000,
});

export function useActivityFilters() {
  return useQuery(activityFiltersQueryOptions);
}
