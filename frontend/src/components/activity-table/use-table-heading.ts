import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { useI18n } from "@/i18n";

/**
 * The page's heading and title. Like the shared Page, it takes the focus after an in-app
 * navigation to the page, but not when only the view (search params) changes: sorting or
 * paging keeps the focus on the control used.
 */
export function useTableHeading(title: string) {
  const { t } = useI18n();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const arrivedBy = useRef(location.key);
  useEffect(() => {
    document.title = `${title} — ${t("app.titleSuffix")}`;
  }, [title, t]);
  useEffect(() => {
    if (arrivedBy.current !== "default") heading.current?.focus();
  }, []);
  return heading;
}
