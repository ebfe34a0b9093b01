/** What the login page is told through the router's location state. */
export type LoginNotice = "accountCreated" | "passwordReset" | "loggedOut" | "sessionExpired";

export interface LoginState {
  /** Path to return to after login. */
  from?: string;
  notice?: LoginNotice;
  /** Pre-fills the username field (after sign-up). */
  username?: string;
}

const notices: readonly LoginNotice[] = ["accountCreated", "passwordReset", "loggedOut", "sessionExpired"];

function isNotice(value: unknown): value is LoginNotice {
  return typeof value === "string" && notices.some((notice) => notice === value);
}

/** Only same-application paths are accepted as a return address. */
export function isSafeReturnPath(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\");
}

export function readLoginState(state: unknown): LoginState {
  if (typeof state !== "object" || state === null) return {};
  const result: LoginState = {};
  if ("from" in state && isSafeReturnPath(state.from)) result.from = state.from;
  if ("notice" in state && isNotice(state.notice)) result.notice = state.notice;
  if ("username" in state && typeof state.username === "string") result.username = state.username;
  return result;
}
