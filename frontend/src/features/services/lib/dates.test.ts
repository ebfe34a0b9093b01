import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, todayInQuebec } from "./dates";

describe("dates", () => {
  it("shows an instant as its day and time in Québec", () => {
    // 02:30 UTC on the 15th is still the 14th in Québec (UTC−4 in October).
    expect(formatDate("2020-10-15T02:30:00Z")).toBe("2020-10-14");
    expect(formatDateTime("2020-10-15T02:30:00Z")).toBe("2020-10-14 22:30");
    expect(formatDateTime("2020-12-01T17:05:00Z")).toBe("2020-12-01 12:05");
  });

  it("knows today's date in Québec", () => {
    expect(todayInQuebec(new Date("2026-01-01T03:00:00Z"))).toBe("2025-12-31");
  });
});
