import { describe, expect, it } from "vitest";
import type { Me } from "@/lib/auth/me";
import { actsForSelf, delegationEnded, maySelectDelegant, visibleTabs } from "./access";

const base: Me = {
  id: "u1",
  username: "x",
  email: "x@exemple.qc.ca",
  firstName: "X",
  lastName: "Y",
  surveyor: null,
  actingFor: null,
  mustSelectDelegant: false,
  isAdmin: false,
  passwordChangedAt: "2026-11-27T10:00:00Z",
};
const all = [
  "lot_reservation",
  "lot_correction_check",
  "cadastre_dossiers",
  "survey_dossiers",
  "product_order",
  "dm_prevalidation",
] as const;
const self = { userId: "u1", matricule: "5004", firstName: "X", lastName: "Y", services: [...all], endsOn: null };
const other = {
  userId: "u2",
  matricule: "5001",
  firstName: "Claire",
  lastName: "Lavoie",
  services: [...all],
  endsOn: null,
};

const surveyorSelf: Me = { ...base, surveyor: { matricule: "5004" }, actingFor: self };
const surveyorForOther: Me = { ...base, surveyor: { matricule: "5004" }, actingFor: other };
const delegate: Me = { ...base, actingFor: other };
const mustSelect: Me = { ...base, mustSelectDelegant: true };
const nobody: Me = base;

describe("who sees which Délégation sub-tab", () => {
  it("gives all three to a surveyor acting for themself", () => {
    expect(actsForSelf(surveyorSelf)).toBe(true);
    expect(visibleTabs(surveyorSelf, undefined)).toEqual(["delegates", "selection", "activities"]);
  });

  it("keeps Gestion des délégataires from a surveyor acting for someone else", () => {
    expect(actsForSelf(surveyorForOther)).toBe(false);
    expect(visibleTabs(surveyorForOther, undefined)).toEqual(["selection", "activities"]);
  });

  it("gives Sélection d'un délégant to a délégataire, chosen or not", () => {
    expect(visibleTabs(delegate, undefined)).toEqual(["selection", "activities"]);
    expect(visibleTabs(mustSelect, undefined)).toEqual(["selection", "activities"]);
  });

  it("gives only Suivi des activités to a user nobody delegated to", () => {
    expect(visibleTabs(nobody, [])).toEqual(["activities"]);
    expect(maySelectDelegant(nobody, [])).toBe(false);
  });

  it("recognises a session whose délégant ended the delegation", () => {
    const listed = [{ self: false }];
    expect(delegationEnded(nobody, listed)).toBe(true);
    expect(maySelectDelegant(nobody, listed)).toBe(true);
    expect(delegationEnded(nobody, [])).toBe(false);
    expect(delegationEnded({ ...base, surveyor: { matricule: "5004" } }, [{ self: true }])).toBe(true);
    expect(delegationEnded(delegate, listed)).toBe(false);
    expect(delegationEnded(mustSelect, listed)).toBe(false);
  });

  it("takes the API's word when /me says the delegation ended", () => {
    expect(delegationEnded({ ...nobody, delegationEnded: true }, [])).toBe(true);
    expect(delegationEnded({ ...nobody, delegationEnded: false }, [{ self: false }])).toBe(false);
    expect(maySelectDelegant({ ...nobody, delegationEnded: true }, [])).toBe(true);
  });
});
