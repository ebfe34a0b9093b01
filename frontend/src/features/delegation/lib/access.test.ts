import { describe, expect, it } from "vitest";
import type { Me } from "@/lib/auth/me";
import { actingFor, meOf, type Person } from "@/test/fixtures";
import { actsForSelf, maySelectDelegant, visibleTabs } from "./access";

const x: Person = { id: "u1", username: "x", email: "x@exemple.qc.ca", firstName: "X", lastName: "Y" };
const base: Me = meOf(x);
const self = actingFor({ ...x, matricule: "5004" });
const other = actingFor({
  id: "u2",
  username: "clavoie",
  email: "claire.lavoie@exemple.qc.ca",
  firstName: "Claire",
  lastName: "Lavoie",
  matricule: "5001",
});

const surveyorSelf: Me = { ...base, surveyor: { matricule: "5004" }, actingFor: self };
const surveyorForOther: Me = { ...base, surveyor: { matricule: "5004" }, actingFor: other };
const delegate: Me = { ...base, actingFor: other };
const mustSelect: Me = { ...base, mustSelectDelegant: true };
const nobody: Me = base;

describe("who sees which Délégation sub-tab", () => {
  it("gives all three to a surveyor acting for themself", () => {
    expect(actsForSelf(surveyorSelf)).toBe(true);
    expect(visibleTabs(surveyorSelf)).toEqual(["delegates", "selection", "activities"]);
  });

  it("keeps Gestion des délégataires from a surveyor acting for someone else", () => {
    expect(actsForSelf(surveyorForOther)).toBe(false);
    expect(visibleTabs(surveyorForOther)).toEqual(["selection", "activities"]);
  });

  it("gives Sélection d'un délégant to a délégataire, chosen or not", () => {
    expect(visibleTabs(delegate)).toEqual(["selection", "activities"]);
    expect(visibleTabs(mustSelect)).toEqual(["selection", "activities"]);
  });

  it("gives only Suivi des activités to a user nobody delegated to", () => {
    expect(visibleTabs(nobody)).toEqual(["activities"]);
    expect(maySelectDelegant(nobody, [])).toBe(false);
  });

  it("offers Sélection d'un délégant when /me says the délégant acted for ended the delegation", () => {
    const ended: Me = { ...nobody, delegationEnded: true };
    expect(maySelectDelegant(ended)).toBe(true);
    expect(maySelectDelegant(ended, [])).toBe(true);
    expect(visibleTabs(ended)).toEqual(["selection", "activities"]);
    expect(visibleTabs({ ...ended, surveyor: { matricule: "5004" } })).toEqual(["selection", "activities"]);
  });

  it("takes the API's word when /me says the delegation did not end", () => {
    expect(maySelectDelegant(nobody)).toBe(false);
    expect(visibleTabs(nobody)).toEqual(["activities"]);
    // Délégants listed by a page that has the list still give the choice.
    expect(maySelectDelegant(nobody, [{ self: false }])).toBe(true);
  });
});
