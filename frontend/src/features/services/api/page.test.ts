import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { expectPage } from "./page";

const ok = new Response(null, { status: 200 });

describe("expectPage", () => {
  it("returns a page that has its items", () => {
    const page = { items: [1], page: 1, pageSize: 10, totalItems: 1, totalPages: 1 };
    expect(expectPage({ data: page, response: ok })).toBe(page);
  });

  it("refuses a success body without items, and passes API errors on", () => {
    // What a stub or a proxy might answer with a 200.
    const notAPage = JSON.parse('{"message":"ok"}') as { items: number[] };
    expect(() => expectPage({ data: notAPage, response: ok })).toThrow("unexpected list answer");
    expect(() => expectPage({ error: {}, response: new Response(null, { status: 500 }) })).toThrow(ApiError);
  });
});
