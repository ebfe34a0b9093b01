import type { Translate } from "@/i18n";

/** Client-side checks mirror the contract (openapi.yaml); the server stays the authority. */
export const passwordMinLength = 8;
export const passwordMaxLength = 128;
const usernamePattern = /^[A-Za-z0-9._-]{3,64}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function required(value: string, t: Translate): string | undefined {
  return value.trim() === "" ? t("form.required") : undefined;
}

export function newPassword(value: string, t: Translate): string | undefined {
  if (value === "") return t("form.required");
  if (value.length < passwordMinLength) return t("form.passwordTooShort");
  if (value.length > passwordMaxLength) return t("form.passwordTooLong");
  return undefined;
}

export function confirmation(value: string, password: string, t: Translate): string | undefined {
  if (value === "") return t("form.required");
  return value === password ? undefined : t("form.passwordMismatch");
}

export function email(value: string, t: Translate): string | undefined {
  if (value.trim() === "") return t("form.required");
  return emailPattern.test(value.trim()) ? undefined : t("form.invalidEmail");
}

export function username(value: string, t: Translate): string | undefined {
  if (value.trim() === "") return t("form.required");
  return usernamePattern.test(value.trim()) ? undefined : t("form.invalidUsername");
}

/** Required, then matching pattern (invalid is the message when it does not). */
export function requiredMatching(value: string, pattern: RegExp, invalid: string, t: Translate): string | undefined {
  return required(value, t) ?? (pattern.test(value) ? undefined : invalid);
}

/** Required, then at most max characters (tooLong is the message when longer). */
export function requiredUpTo(value: string, max: number, tooLong: string, t: Translate): string | undefined {
  return required(value, t) ?? (value.length > max ? tooLong : undefined);
}
