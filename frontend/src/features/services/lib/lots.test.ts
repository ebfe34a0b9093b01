import { describe, expect, it } from "vitest";
import { formatLot, formatLots, parseLot, splitLotList } from "./lots";

describe("lot numbers", () => {
  it("reads « 1 234 567 » and « 1234567 » alike", () => {
    expect(parseLot("1 234 567")).toBe("1234567");
    expect(parseLot("1234567")).toBe("1234567");
    expect(parseLot("  6 123 401 ")).toBe("6123401");
    // No-break and narrow no-break spaces, as pasted from a document.
    expect(parseLot("1\u00a0234\u202f567")).toBe("1234567");
  });

  it("refuses anything but 7 digits", () => {
    for (const input of ["", "123456", "12345678", "1 234 56a", "1-234-567", "1.234.567", "１２３４５６７"])
      expect(parseLot(input), input).toBeNull();
  });

  it("writes a lot number in groups of three from the right", () => {
    expect(formatLot("1234567")).toBe("1 234 567");
    expect(formatLot("6500001")).toBe("6 500 001");
    expect(formatLots(["6500001", "6500002"])).toBe("6 500 001, 6 500 002");
    expect(formatLot("12")).toBe("12");
  });

  it("round-trips", () => {
    expect(parseLot(formatLot("2345678"))).toBe("2345678");
    expect(formatLot(parseLot("2 345 678") ?? "")).toBe("2 345 678");
  });

  it("splits a pasted list on lines, commas, semicolons and tabs, not on the spaces of a number", () => {
    expect(splitLotList("1 234 567\n2345678, 3 456 789;\t6123401\n\n")).toEqual([
      "1 234 567",
      "2345678",
      "3 456 789",
      "6123401",
    ]);
  });
});
