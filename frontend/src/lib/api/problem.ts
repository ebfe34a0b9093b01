import type { components } from "./schema.gen";

export type Problem = components["schemas"]["Problem"];
export type ProblemCode = components["schemas"]["ProblemCode"];
export type FieldError = components["schemas"]["FieldError"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.pointer === "string" && typeof value.detail === "string";
}

/** Runtime check of an error body: a proxy or a crash may answer with anything. */
export function isProblem(value: unknown): value is Problem {
  if (!isRecord(value)) return false;
  if (typeof value.title !== "string" || typeof value.status !== "number" || typeof value.code !== "string") {
    return false;
  }
  if (value.errors !== undefined && !(Array.isArray(value.errors) && value.errors.every(isFieldError))) {
    return false;
  }
  return true;
}

/**
 * Turns a JSON pointer (RFC 6901) into a field name: "/newPassword" → "newPassword",
 * "/address/city" → "address.city". The document root ("" or "/") is not a field.
 */
export function pointerToField(pointer: string): string | null {
  if (pointer === "" || pointer === "/" || !pointer.startsWith("/")) return null;
  const tokens = pointer
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
  return tokens.join(".");
}

export interface ProblemFieldMapping<F extends string> {
  /** First message for each known field. */
  fieldErrors: Partial<Record<F, string>>;
  /** Messages whose pointer names no field of the form: shown with the form-level alert. */
  otherErrors: string[];
}

/**
 * Distributes the field errors of a problem over the fields of a form. `aliases` sends a
 * pointer to another field (e.g. both /username and /email to a single "identifier" input).
 */
export function mapProblemToFields<F extends string>(
  problem: Pick<Problem, "errors">,
  fields: readonly F[],
  aliases: Readonly<Record<string, F>> = {},
): ProblemFieldMapping<F> {
  const fieldErrors: Partial<Record<F, string>> = {};
  const otherErrors: string[] = [];
  const known = new Set<string>(fields);
  for (const error of problem.errors ?? []) {
    const name = pointerToField(error.pointer);
    const target =
      name === null ? undefined : Object.hasOwn(aliases, name) ? aliases[name] : known.has(name) ? name : undefined;
    const field = fields.find((candidate) => candidate === target);
    if (field === undefined) {
      otherErrors.push(error.detail);
    } else if (fieldErrors[field] === undefined) {
      fieldErrors[field] = error.detail;
    }
  }
  return { fieldErrors, otherErrors };
}

/** Retry-After in seconds (delta-seconds or HTTP-date), or null. */
export function retryAfterSeconds(response: Response, now: number = Date.now()): number | null {
  const raw = response.headers.get("Retry-After");
  if (raw === null || raw.trim() === "") return null;
  if (/^\d+$/.test(raw.trim())) return Number.parseInt(raw.trim(), 10);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1_000));
}
