import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { ActivityPage, ListActivitiesQuery } from "@/components/activity-table";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";

/** GET /api/v1/activities: one page (or, with all, the whole view) of the activity log. */
export async function listActivities(query: ListActivitiesQuery): Promise<ActivityPage> {
  return expectData(await api.GET("/api/v1/activities", { params: { query } }));
}

export function activitiesQueryOptions(query: ListActivitiesQuery) {
  return queryOptions({
    queryKey: ["activities", query],
    queryFn: () => listActivities(query),
  });
}

/** The table's rows; the previous page stays on screen while the next one loads. */
export function useActivities(query: ListActivitiesQuery) {
  return useQuery({ ...activitiesQueryOptions(query), placeholderData: keepPreviousData });
}
