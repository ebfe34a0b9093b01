/**
 * The file name of a Content-Disposition header (RFC 6266): `filename*` (RFC 8187,
 * charset'language'percent-encoded) wins over `filename` (token or quoted-string).
 * Directory parts and control characters are dropped; null when no usable name is given.
 */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const params = parseParameters(header);
  const extended = params.get("filename*");
  const decoded = extended === undefined ? null : decodeExtValue(extended);
  const name = decoded ?? params.get("filename") ?? null;
  return name === null ? null : sanitize(name);
}

/** Parameters after the disposition type, names lower-cased; the first occurrence wins. */
function parseParameters(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const match of header.matchAll(pattern)) {
    const name = (match[1] ?? "").toLowerCase();
    let value = (match[2] ?? "").trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, "$1");
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

/** RFC 8187 ext-value: UTF-8 or ISO-8859-1, percent-encoded. */
function decodeExtValue(value: string): string | null {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!match) return null;
  const charset = (match[1] ?? "").toLowerCase();
  const encoded = match[2] ?? "";
  try {
    if (charset === "utf-8") return decodeURIComponent(encoded);
    if (charset === "iso-8859-1") {
      return encoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    }
  } catch {
    return null;
  }
  return null;
}

function sanitize(name: string): string | null {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- control characters are what this strips
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean === "" || clean === "." || clean === ".." ? null : clean;
}
