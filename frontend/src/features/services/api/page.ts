import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { expectData, type ClientResult } from "@/lib/api/errors";
import { usePrincipalId } from "./keys";

/**
 * The body of a successful list call. Tables walk `items`, so an answer without that array (a
 * proxy's or a stub's) becomes an error shown with a retry instead of breaking the whole page.
 */
export function expectPage<D extends { items: unknown[] }>(result: ClientResult<D>): D {
  const page = expectData(result);
  if (!Array.isArray(page.items)) throw new Error("unexpected list answer");
  return page;
}

/**
 * One page of a list of the surveyor acted for (its key starts with them, see keys.ts). With
 * `keepPrevious`, the table keeps the page it shows while the next one loads.
 */
export function usePrincipalPage<D extends { items: unknown[] }>(
  key: (principal: string) => readonly unknown[],
  list: (page: number) => Promise<D>,
  page: number,
  { keepPrevious }: { keepPrevious: boolean },
) {
  const principal = usePrincipalId();
  return useQuery({
    queryKey: [...key(principal), page],
    queryFn: () => list(page),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}
