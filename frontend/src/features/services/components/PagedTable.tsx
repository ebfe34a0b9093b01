import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Loading } from "@/components/Loading";
import type { MessageKey } from "@/i18n";
import { useI18n } from "@/i18n";
import { QueryProblem } from "./AccessNotice";
import { Pagination } from "./Pagination";

export interface PageOf<T> {
  items: T[];
  page: number;
  totalPages: number;
  totalItems: number;
}

export interface PagedTableProps<T> {
  query: UseQueryResult<PageOf<T>>;
  /** Id of the heading that names the table. */
  labelledBy: string;
  /** Name of the list, for the pagination's label. */
  name: string;
  columns: readonly string[];
  row: (item: T) => ReactNode;
  empty: string;
  summary: MessageKey;
  onPage: (page: number) => void;
}

/** One page of a list of the API as a table: loading, error, empty state and pagination included. */
export function PagedTable<T>({ query, labelledBy, name, columns, row, empty, summary, onPage }: PagedTableProps<T>) {
  const { t } = useI18n();
  if (query.isError) return <QueryProblem error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (!data) return <Loading />;
  if (data.items.length === 0) return <p>{empty}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="data-table" aria-labelledby={labelledBy}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{data.items.map(row)}</tbody>
        </table>
      </div>
      <Pagination
        page={data.page}
        totalPages={data.totalPages}
        totalItems={data.totalItems}
        summary={summary}
        label={t("services.pagination.label", { list: name })}
        onPage={onPage}
      />
    </>
  );
}
