/** A whole number written in full ("12", not "12.0" nor "1e1") within [min, max], or null. */
export function integerIn(value: string, min: number, max: number): number | null {
  const text = value.trim();
  if (!/^-?[0-9]{1,6}$/.test(text)) return null;
  const n = Number.parseInt(text, 10);
  return n >= min && n <= max ? n : null;
}
