import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, quebecDay } from "./dates";

describe("dates of the API tokens", () => {
  it("shows instants on the Québec calendar", () => {
    // 03:30 UTC is still the evening before in Québec.
    expect(formatDate("2026-11-30T03:30:00Z")).toBe("2026-11-29");
    expect(formatDateTime("2026-11-30T03:30:00Z")).toBe("2026-11-29 22:30");
    expect(formatDate("pas une date")).toBe("");
  });

  it("bounds the expiry date from today in Québec to a year later", () => {
    const now = new Date("2026-11-30T03:30:00Z");
    expect(quebecDay(now)).toBe("2026-11-29");
    expect(quebecDay(now, { months: 12 })).toBe("2027-11-29");
    expect(quebecDay(now, { days: 30 })).toBe("2026-12-29");
  });
});
