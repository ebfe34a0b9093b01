import type { Me } from "@/lib/auth/me";

/** Where the user stands with the services of the Cadastre and Arpentage tabs (SPEC §4). */
export type ServiceAccess =
  | { status: "granted"; principal: NonNullable<Me["actingFor"]>; actsForSelf: boolean }
  /** Neither a surveyor nor anyone's délégataire: the guide's message instead of the services. */
  | { status: "noDelegation" }
  /** Délégataire of several surveyors who has not picked one yet. */
  | { status: "mustSelect" };

export function serviceAccess(me: Me): ServiceAccess {
  if (me.actingFor) {
    const actsForSelf = me.surveyor !== null && me.actingFor.userId === me.id;
    return { status: "granted", principal: me.actingFor, actsForSelf };
  }
  // A délégant who ended the delegation leaves a choice to make, not the §4 message.
  return me.mustSelectDelegant || me.delegationEnded ? { status: "mustSelect" } : { status: "noDelegation" };
}

/**
 * Dépôt d'une DM is the one service that is never delegated: only a surveyor acting in their
 * own name may file one (SPEC §3).
 */
export function canDepositDm(me: Me): boolean {
  const access = serviceAccess(me);
  return access.status === "granted" && access.actsForSelf;
}
