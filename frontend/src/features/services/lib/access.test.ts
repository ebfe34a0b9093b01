import { describe, expect, it } from "vitest";
import type { Me } from "@/lib/auth/me";
import { actingFor, type Person } from "@/test/fixtures";
import { jean, pierre } from "../test/api";
import { canDepositDm, serviceAccess } from "./access";

describe("service access", () => {
  it("lets a surveyor acting for himself file a DM", () => {
    expect(serviceAccess(jean)).toMatchObject({ status: "granted", actsForSelf: true });
    expect(canDepositDm(jean)).toBe(true);
  });

  it("never lets a délégataire file a DM", () => {
    expect(serviceAccess(pierre)).toMatchObject({ status: "granted", actsForSelf: false });
    expect(canDepositDm(pierre)).toBe(false);
  });

  it("never lets a surveyor acting for another surveyor file a DM", () => {
    const alain: Person = {
      id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f5002",
      username: "aproviste",
      email: "alain.proviste@exemple.qc.ca",
      firstName: "Alain",
      lastName: "Proviste",
      matricule: "5002",
    };
    const jeanForAlain: Me = { ...jean, actingFor: actingFor(alain) };
    expect(canDepositDm(jeanForAlain)).toBe(false);
  });

  it("tells apart a user with no délégant from one who must choose", () => {
    expect(serviceAccess({ ...pierre, actingFor: null })).toEqual({ status: "noDelegation" });
    expect(serviceAccess({ ...pierre, actingFor: null, mustSelectDelegant: true })).toEqual({ status: "mustSelect" });
  });
});
