import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { parseView, viewToSearchParams, type ActivityView } from "../utils/view";

/** The table's view, read from and written to the URL (each change is a history entry). */
export function useActivityView(): [ActivityView, (next: ActivityView, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const view = useMemo(() => parseView(new URLSearchParams(key)), [key]);
  const setView = useCallback(
    (next: ActivityView, options?: { replace?: boolean }) => {
      setParams(viewToSearchParams(next), { replace: options?.replace ?? false });
    },
    [setParams],
  );
  return [view, setView];
}
