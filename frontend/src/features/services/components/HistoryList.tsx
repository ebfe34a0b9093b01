import type { UseQueryResult } from "@tanstack/react-query";
import { useId, useState } from "react";
import { PagedTable, type PageOf, type PagedTableProps } from "./PagedTable";

type HistoryListProps<T> = Omit<PagedTableProps<T>, "query" | "labelledBy" | "name" | "onPage"> & {
  heading: string;
  /** The query hook of the list, called with the page shown. */
  usePage: (page: number) => UseQueryResult<PageOf<T>>;
};

/** A titled section with the past records of a service, one page at a time. */
export function HistoryList<T>({ heading, usePage, ...table }: HistoryListProps<T>) {
  const headingId = useId();
  const [page, setPage] = useState(1);
  const query = usePage(page);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <PagedTable {...table} query={query} labelledBy={headingId} name={heading} onPage={setPage} />
    </section>
  );
}
