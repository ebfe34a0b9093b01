import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const src = resolve(__dirname, "..");
const featuresDir = join(src, "features");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(path, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1] ?? "");
}

/** The feature an import lands in, if any. */
function targetFeature(from: string, specifier: string): string | null {
  let absolute: string;
  if (specifier.startsWith("@/")) absolute = join(src, specifier.slice(2));
  else if (specifier.startsWith(".")) absolute = resolve(from, "..", specifier);
  else return null;
  const rel = relative(featuresDir, absolute);
  if (rel.startsWith("..")) return null;
  return rel.split(sep)[0] ?? null;
}

describe("architecture", () => {
  it("features do not import one another (shared code lives in src/lib or src/components)", () => {
    const offending: string[] = [];
    for (const feature of readdirSync(featuresDir)) {
      for (const file of files(join(featuresDir, feature))) {
        for (const specifier of imports(file)) {
          const target = targetFeature(file, specifier);
          if (target !== null && target !== feature) offending.push(`${relative(src, file)} → ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("src/lib and src/components do not depend on features", () => {
    const offending: string[] = [];
    for (const dir of ["lib", "components", "i18n"]) {
      for (const file of files(join(src, dir))) {
        for (const specifier of imports(file)) {
          if (targetFeature(file, specifier) !== null) offending.push(`${relative(src, file)} → ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("src/lib holds no UI: it imports neither src/app nor src/components (route guards live in src/app)", () => {
    const offending: string[] = [];
    for (const file of files(join(src, "lib"))) {
      for (const specifier of imports(file)) {
        const absolute = specifier.startsWith("@/")
          ? join(src, specifier.slice(2))
          : specifier.startsWith(".")
            ? resolve(file, "..", specifier)
            : null;
        if (absolute === null) continue;
        const top = relative(src, absolute).split(sep)[0];
        if (top === "app" || top === "components") offending.push(`${relative(src, file)} → ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("never stores a token in web storage", () => {
    const offending = files(src)
      .filter((file) => !file.endsWith(".test.ts") && !file.endsWith(".test.tsx"))
      .filter((file) => /(local|session)Storage\.setItem\([^)]*(token|jeton)/i.test(readFileSync(file, "utf8")));
    expect(offending).toEqual([]);
  });
});
