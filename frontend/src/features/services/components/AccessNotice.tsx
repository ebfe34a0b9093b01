import { Link } from "react-router";
import { LoadError } from "@/components/Feedback";
import { Notice } from "@/components/Messages";
import { useI18n } from "@/i18n";
import { ApiError } from "@/lib/api/errors";
import type { ProblemCode } from "@/lib/api/problem";
import { delegantSelectionPath } from "../lib/paths";

/** Why the services are out of reach for this session, and where to go about it (SPEC §4). */
export type AccessRefusal = Extract<
  ProblemCode,
  "no_delegation" | "delegant_selection_required" | "delegation_not_active"
>;

const refusals: ReadonlySet<string> = new Set<AccessRefusal>([
  "no_delegation",
  "delegant_selection_required",
  "delegation_not_active",
]);

function isRefusal(code: string): code is AccessRefusal {
  return refusals.has(code);
}

/** The refusal an API error carries, if it is one of the three of §4. */
function accessRefusalOf(error: unknown): AccessRefusal | null {
  const code = error instanceof ApiError ? error.problem?.code : undefined;
  return code !== undefined && isRefusal(code) ? code : null;
}

export function AccessNotice({ refusal }: { refusal: AccessRefusal }) {
  const { t } = useI18n();
  if (refusal === "no_delegation") {
    return (
      <Notice tone="info">
        <p>{t("portal.noDelegation")}</p>
      </Notice>
    );
  }
  return (
    <Notice tone="warning">
      <p>{t(refusal === "delegant_selection_required" ? "services.access.mustSelect" : "services.access.notActive")}</p>
      <p>
        <Link to={delegantSelectionPath}>{t("services.access.selectDelegant")}</Link>
      </p>
    </Notice>
  );
}

/**
 * What a failed query shows: one of the §4 notices for a refusal, otherwise the error with a
 * way to try again.
 */
export function QueryProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const refusal = accessRefusalOf(error);
  if (refusal) return <AccessNotice refusal={refusal} />;
  return <LoadError error={error} onRetry={onRetry} />;
}
