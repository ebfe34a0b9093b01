import { isMessageKey, type Locale, type Translate } from "@/i18n";
import { isProblem, retryAfterSeconds, type Problem } from "./problem";

/** An answer of the API that is not a success. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly retryAfter: number | null;

  constructor(response: Response, body: unknown) {
    const problem = isProblem(body) ? body : null;
    super(problem?.title ?? `HTTP ${response.status}`);
    this.name = "ApiError";
    this.status = response.status;
    this.problem = problem;
    this.retryAfter = response.status === 429 || response.status === 503 ? retryAfterSeconds(response) : null;
  }
}

/** What a call of the typed client resolves to (openapi-fetch's FetchResponse, as far as we read it). */
export interface ClientResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer; throws ApiError otherwise. */
export function expectData<D>(result: ClientResult<D>): D {
  if (!result.response.ok || result.data === undefined) throw new ApiError(result.response, result.error);
  return result.data;
}

/** For operations answering 204/202 without a body we need. */
export function expectOk(result: ClientResult<unknown>): void {
  if (!result.response.ok) throw new ApiError(result.response, result.error);
}

/** A message to show, with the language it is written in when it differs from the page's. */
export interface DisplayMessage {
  text: string;
  lang?: Locale;
  /** Further sentences (e.g. errors about no particular field). */
  details?: DisplayMessage[];
}

/**
 * The sentence shown in a form's alert for a failed call. The API writes its titles in
 * French: they are shown as is in French; in English the stable `code` picks our own text.
 */
export function describeError(error: unknown, t: Translate, locale: Locale): DisplayMessage {
  if (error instanceof ApiError) {
    const retry = error.retryAfter !== null ? ` ${t("problem.retryAfter", { seconds: error.retryAfter })}` : "";
    const problem = error.problem;
    if (problem) {
      if (locale === "fr-CA") {
        const detail = problem.detail && problem.detail !== problem.title ? ` ${problem.detail}` : "";
        return { text: `${problem.title}${detail}${retry}` };
      }
      const key = `problem.${problem.code}`;
      if (isMessageKey(key)) return { text: `${t(key)}${retry}` };
      return { text: problem.title, lang: "fr-CA" };
    }
    if (error.status === 429) return { text: `${t("problem.rate_limited")}${retry}` };
    if (error.status >= 502 && error.status <= 504) return { text: t("problem.network") };
    return { text: t("problem.unexpected") };
  }
  if (error instanceof TypeError) return { text: t("problem.network") };
  return { text: t("problem.unexpected") };
}
