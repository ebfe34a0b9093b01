import { describe, expect, it } from "vitest";
import { formatActivityDate, personName } from "./format";

describe("formatActivityDate", () => {
  it("writes the date and time in Québec (America/Toronto), daylight time", () => {
    expect(formatActivityDate("2020-10-14T17:05:00Z")).toBe("2020-10-14 13:05");
  });

  it("writes standard time in winter", () => {
    expect(formatActivityDate("2020-12-01T17:05:00Z")).toBe("2020-12-01 12:05");
  });

  it("keeps the Québec day when UTC is already the next day", () => {
    expect(formatActivityDate("2020-10-15T02:30:00Z")).toBe("2020-10-14 22:30");
    expect(formatActivityDate("2021-01-01T04:59:00Z")).toBe("2020-12-31 23:59");
  });

  it("writes midnight as 00, not 24", () => {
    expect(formatActivityDate("2020-10-14T04:00:00Z")).toBe("2020-10-14 00:00");
  });
});

describe("personName", () => {
  it("is « Prénom Nom »", () => {
    expect(personName({ firstName: "Édith", lastName: "Descartes" })).toBe("Édith Descartes");
  });
});
