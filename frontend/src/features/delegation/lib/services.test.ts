import { describe, expect, it } from "vitest";
import { quebecDay } from "@/lib/dates";
import { grantsAll, latestEndsOn, sortServices } from "./services";

describe("services and end dates (§11)", () => {
  it("takes today's date in Québec, not in UTC", () => {
    // 2026-11-30 03:30 UTC is still 2026-11-29 22:30 in Québec.
    expect(quebecDay(new Date("2026-11-30T03:30:00Z"))).toBe("2026-11-29");
    expect(quebecDay(new Date("2026-11-30T05:00:00Z"))).toBe("2026-11-30");
  });

  it("allows an end date up to three years ahead", () => {
    expect(latestEndsOn(new Date("2026-11-30T03:30:00Z"))).toBe("2029-11-29");
  });

  it("orders services as in §3 and tells when all are granted", () => {
    expect(sortServices(["product_order", "lot_reservation"])).toEqual(["lot_reservation", "product_order"]);
    expect(grantsAll(["lot_reservation"])).toBe(false);
    expect(
      grantsAll([
        "dm_prevalidation",
        "product_order",
        "survey_dossiers",
        "cadastre_dossiers",
        "lot_correction_check",
        "lot_reservation",
      ]),
    ).toBe(true);
  });
});
