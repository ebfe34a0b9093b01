import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isIsoDate, quebecDay } from "./dates";

describe("formatDate", () => {
  it("writes dates the Québec way, in Québec's time zone", () => {
    expect(formatDate("2020-10-14T14:30:00Z")).toBe("2020-10-14");
    // 01:30 UTC is still the evening before in Québec.
    expect(formatDate("2020-10-15T01:30:00Z")).toBe("2020-10-14");
    expect(formatDate("pas une date")).toBe("");
  });

  it("shows instants on the Québec calendar", () => {
    // 03:30 UTC is still the evening before in Québec.
    expect(formatDate("2026-11-30T03:30:00Z")).toBe("2026-11-29");
    expect(formatDateTime("2026-11-30T03:30:00Z")).toBe("2026-11-29 22:30");
    expect(formatDate("pas une date")).toBe("");
  });
});

describe("formatDateTime", () => {
  it("writes the date and time in Québec (America/Toronto), daylight time", () => {
    expect(formatDateTime("2020-10-14T17:05:00Z")).toBe("2020-10-14 13:05");
  });

  it("writes standard time in winter", () => {
    expect(formatDateTime("2020-12-01T17:05:00Z")).toBe("2020-12-01 12:05");
  });

  it("keeps the Québec day when UTC is already the next day", () => {
    expect(formatDateTime("2020-10-15T02:30:00Z")).toBe("2020-10-14 22:30");
    expect(formatDateTime("2021-01-01T04:59:00Z")).toBe("2020-12-31 23:59");
    // 02:30 UTC on the 15th is still the 14th in Québec (UTC−4 in October).
    expect(formatDate("2020-10-15T02:30:00Z")).toBe("2020-10-14");
  });

  it("writes midnight as 00, not 24", () => {
    expect(formatDateTime("2020-10-14T04:00:00Z")).toBe("2020-10-14 00:00");
  });

  it("shows an instant it cannot read as an empty string, like formatDate", () => {
    expect(formatDateTime("pas une date")).toBe("");
    expect(formatDateTime("")).toBe("");
  });
});

describe("quebecDay", () => {
  it("knows today's date in Québec", () => {
    expect(quebecDay(new Date("2026-01-01T03:00:00Z"))).toBe("2025-12-31");
  });

  it("bounds the expiry date from today in Québec to a year later", () => {
    const now = new Date("2026-11-30T03:30:00Z");
    expect(quebecDay(now)).toBe("2026-11-29");
    expect(quebecDay(now, { months: 12 })).toBe("2027-11-29");
    expect(quebecDay(now, { days: 30 })).toBe("2026-12-29");
  });
});

describe("isIsoDate", () => {
  it("accepts a real calendar day written YYYY-MM-DD", () => {
    expect(isIsoDate("2020-10-14")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
  });

  it("refuses other writings and days that do not exist", () => {
    expect(isIsoDate("2020-10-4")).toBe(false);
    expect(isIsoDate("14/10/2020")).toBe(false);
    expect(isIsoDate("2020-10-14T00:00")).toBe(false);
    expect(isIsoDate("")).toBe(false);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2020-13-01")).toBe(false);
  });
});
