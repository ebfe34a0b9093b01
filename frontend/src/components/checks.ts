import type { Translate } from "@/i18n";

/** Required, then matching pattern (invalid is the message when it does not). */
export function requiredMatching(value: string, pattern: RegExp, invalid: string, t: Translate): string | undefined {
  if (value.trim() === "") return t("form.required");
  return pattern.test(value) ? undefined : invalid;
}

/** Required, then at most max characters (tooLong is the message when longer). */
export function requiredUpTo(value: string, max: number, tooLong: string, t: Translate): string | undefined {
  if (value.trim() === "") return t("form.required");
  return value.length > max ? tooLong : undefined;
}
