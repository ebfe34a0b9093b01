import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { publicPaths } from "./client";

/**
 * The operations of openapi.yaml, with whether they override the document's bearerAuth with
 * `security: []`. The contract is written in one style (two-space indent, paths at level 1,
 * methods at level 2, the operation's keys at level 3), which is what this reads.
 */
function operationsOfContract(): { path: string; method: string; isPublic: boolean }[] {
  const contract = readFileSync(resolve(__dirname, "../../../../openapi.yaml"), "utf8");
  const operations: { path: string; method: string; isPublic: boolean }[] = [];
  let inPaths = false;
  let path = "";
  for (const line of contract.split("\n")) {
    if (/^\S/.test(line)) inPaths = line.startsWith("paths:");
    if (!inPaths) continue;
    const pathLine = /^ {2}(\/\S*):\s*$/.exec(line);
    if (pathLine?.[1]) path = pathLine[1];
    const methodLine = /^ {4}(get|put|post|delete|patch|head|options):\s*$/.exec(line);
    if (methodLine?.[1]) operations.push({ path, method: methodLine[1], isPublic: false });
    const last = operations.at(-1);
    if (last && /^ {6}security:\s*\[\s*\]\s*$/.test(line)) last.isPublic = true;
  }
  return operations;
}

describe("publicPaths", () => {
  it("are exactly the paths of the operations the contract declares with security: []", () => {
    const operations = operationsOfContract();
    // The reader found the contract's operations, public and protected.
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.some((operation) => !operation.isPublic)).toBe(true);
    const contractPublic = new Set(operations.filter((o) => o.isPublic).map((o) => o.path));
    expect([...publicPaths].sort()).toEqual([...contractPublic].sort());
  });

  it("never names a path that also has a protected operation", () => {
    // The middleware decides by path: a path with one public and one protected method would
    // send the protected call without its token.
    const protectedPaths = new Set(
      operationsOfContract()
        .filter((o) => !o.isPublic)
        .map((o) => o.path),
    );
    expect([...publicPaths].filter((path) => protectedPaths.has(path))).toEqual([]);
  });
});
