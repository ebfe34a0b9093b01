import type { Me } from "@/lib/auth/me";

/** The délégants list as far as these rules need it. */
interface DelegantLike {
  self: boolean;
}

/** A surveyor acting in their own name (the only one who manages délégataires, SPEC §5). */
export function actsForSelf(me: Me): boolean {
  return me.surveyor !== null && me.actingFor?.userId === me.id;
}

/**
 * Sélection d'un délégant is for a surveyor (who may act for themself) and for anyone some
 * surveyor delegated to. What /me says is enough (it tells when the délégant acted for ended the
 * delegation); the délégants list, where a page has it, shows the other délégants too.
 */
export function maySelectDelegant(me: Me, delegants?: readonly DelegantLike[]): boolean {
  if (me.surveyor !== null || me.actingFor !== null || me.mustSelectDelegant || me.delegationEnded) return true;
  return (delegants ?? []).some((delegant) => !delegant.self);
}

export type DelegationTab = "delegates" | "selection" | "activities";

/** The sub-tabs of Délégation this user may use, in the guide's order. */
export function visibleTabs(me: Me): DelegationTab[] {
  const tabs: DelegationTab[] = [];
  if (actsForSelf(me)) tabs.push("delegates");
  if (maySelectDelegant(me)) tabs.push("selection");
  tabs.push("activities");
  return tabs;
}
