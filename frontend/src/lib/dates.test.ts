import { describe, expect, it } from "vitest";
import { formatDate } from "./dates";

describe("formatDate", () => {
  it("writes dates the Québec way, in Québec's time zone", () => {
    expect(formatDate("2020-10-14T14:30:00Z")).toBe("2020-10-14");
    // 01:30 UTC is still the evening before in Québec.
    expect(formatDate("2020-10-15T01:30:00Z")).toBe("2020-10-14");
    expect(formatDate("pas une date")).toBe("");
  });
});
