import { expectData, type ClientResult } from "@/lib/api/errors";

/**
 * The body of a successful list call. Tables walk `items`, so an answer without that array (a
 * proxy's or a stub's) becomes an error shown with a retry instead of breaking the whole page.
 */
export function expectPage<D extends { items: unknown[] }>(result: ClientResult<D>): D {
  const page = expectData(result);
  if (!Array.isArray(page.items)) throw new Error("unexpected list answer");
  return page;
}
