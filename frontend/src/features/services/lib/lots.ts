/**
 * Lot numbers of the cadastre du Québec: 7 digits, stored "1234567", shown « 1 234 567 »
 * (groups of three from the right, separated by a space, as the ministry writes them).
 */

/** Spaces a user may type or paste between the groups: space, no-break space, narrow no-break space. */
const groupSeparators = /[ \u00a0\u202f]/g;

/** "1 234 567" or "1234567" → "1234567"; anything else → null. */
export function parseLot(input: string): string | null {
  const compact = input.trim().replace(groupSeparators, "");
  return /^[0-9]{7}$/.test(compact) ? compact : null;
}

/** "1234567" → "1 234 567"; a value that is not a lot number is returned as is. */
export function formatLot(lot: string): string {
  if (!/^[0-9]{7}$/.test(lot)) return lot;
  return `${lot.slice(0, 1)} ${lot.slice(1, 4)} ${lot.slice(4)}`;
}

export function formatLots(lots: readonly string[]): string {
  return lots.map(formatLot).join(", ");
}

/**
 * Splits a pasted list (one lot a line, or separated by commas, semicolons or tabs) into its
 * entries. Within an entry, spaces are group separators: « 1 234 567 » is one lot.
 */
export function splitLotList(text: string): string[] {
  return text
    .split(/[\n\r,;\t]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}
