import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useLocation, useNavigate } from "react-router";
import { ApiError } from "@/lib/api/errors";
import { meQueryOptions, useMe } from "./me";

/** Délégation ▸ Sélection d'un délégant. */
export const delegantSelectionPath = "/delegation/selection-d-un-delegant";

/** Router state telling Sélection d'un délégant why the user was sent there. */
export interface DelegantSelectionState {
  delegationNotActive: true;
}

export function isDelegantSelectionState(value: unknown): value is DelegantSelectionState {
  return (
    typeof value === "object" && value !== null && "delegationNotActive" in value && value.delegationNotActive === true
  );
}

/** The délégant ended the delegation the session acts under (SPEC §2.5). */
export function isDelegationNotActive(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.problem?.code === "delegation_not_active";
}

/**
 * Mounted once in the portal frame. The user is sent to Sélection d'un délégant, with a message,
 * when the API refuses a call with 403 delegation_not_active (their profile is then refetched),
 * and when /me shows that the délégant acted for ended the delegation (e.g. after a reload).
 * Queries or mutations with meta.handlesDelegationNotActive show the refusal themselves.
 */
export function useRedirectWhenDelegationNotActive() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe().data;

  useEffect(() => {
    function refused(error: unknown, meta: Record<string, unknown> | undefined) {
      if (!isDelegationNotActive(error) || meta?.handlesDelegationNotActive === true) return;
      void queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey });
      const state: DelegantSelectionState = { delegationNotActive: true };
      void navigate(delegantSelectionPath, { state });
    }
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") refused(event.action.error, event.query.meta);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") {
        refused(event.action.error, event.mutation.options.meta);
      }
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient, navigate]);

  // Sent there once when it is noticed; the user may then go where they like.
  const ended = me?.delegationEnded === true;
  const handled = useRef(false);
  const onSelection = location.pathname === delegantSelectionPath;
  useEffect(() => {
    if (!ended) {
      handled.current = false;
      return;
    }
    if (handled.current) return;
    handled.current = true;
    if (!onSelection) {
      const state: DelegantSelectionState = { delegationNotActive: true };
      void navigate(delegantSelectionPath, { state });
    }
  }, [ended, onSelection, navigate]);
}
