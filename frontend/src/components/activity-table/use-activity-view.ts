import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { ActivityType } from "./types";
import { parseView, userActivityTypes, viewToSearchParams, type ActivityView } from "./view";

/**
 * The table's view, read from and written to the URL (each change is a history entry).
 * `types`: the activity types the table filters on (a constant, e.g. adminActivityTypes).
 */
export function useActivityView(
  types: readonly ActivityType[] = userActivityTypes,
): [ActivityView, (next: ActivityView, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const view = useMemo(() => parseView(new URLSearchParams(key), types), [key, types]);
  const setView = useCallback(
    (next: ActivityView, options?: { replace?: boolean }) => {
      setParams(viewToSearchParams(next), { replace: options?.replace ?? false });
    },
    [setParams],
  );
  return [view, setView];
}
