import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "react-router";
import { useI18n } from "@/i18n";

interface PageProps {
  title: string;
  children?: ReactNode;
  /** Shown at the right of the heading (e.g. the surveyor acted for). */
  aside?: ReactNode;
}

/**
 * One page: sets document.title, renders the page's only <h1>, and after an in-app
 * navigation moves focus to that heading so screen readers announce the new page.
 */
export function Page({ title, children, aside }: PageProps) {
  const { t } = useI18n();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} — ${t("app.titleSuffix")}`;
  }, [title, t]);

  useEffect(() => {
    // "default" is the key of the location the page was loaded with.
    if (location.key !== "default") heading.current?.focus();
  }, [location.key]);

  return (
    <div className="page">
      <div className="page__head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {aside}
      </div>
      {children}
    </div>
  );
}
