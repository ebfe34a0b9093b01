import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { expectData } from "@/lib/api/errors";
import type { components, operations } from "@/lib/api/schema.gen";

export type Activity = components["schemas"]["Activity"];
export type ActivityPage = components["schemas"]["ActivityPage"];
export type ActivityType = components["schemas"]["ActivityType"];
export type PersonRef = components["schemas"]["PersonRef"];
export type ListActivitiesQuery = NonNullable<operations["listActivities"]["parameters"]["query"]>;
export type ActivitySort = NonNullable<ListActivitiesQuery["sort"]>;
export type ActivityOrder = NonNullable<ListActivitiesQuery["order"]>;

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
