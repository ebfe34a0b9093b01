import { describe, expect, it } from "vitest";
import { enCA } from "./en-CA";
import { frCA } from "./fr-CA";
import { format, isMessageKey } from "./index";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("dictionaries", () => {
  it("have exactly the same keys in fr-CA and en-CA", () => {
    const fr = Object.keys(frCA).sort();
    const en = Object.keys(enCA).sort();
    expect(en.filter((key) => !fr.includes(key))).toEqual([]);
    expect(fr.filter((key) => !en.includes(key))).toEqual([]);
  });

  it("have no empty text", () => {
    for (const [key, text] of [...Object.entries(frCA), ...Object.entries(enCA)]) {
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const key of Object.keys(frCA).filter(isMessageKey)) {
      expect(placeholders(enCA[key]), key).toEqual(placeholders(frCA[key]));
    }
  });

  it("keep the guide's wording on the authentication page", () => {
    expect(frCA["login.intro"]).toBe(
      "Ce service d'authentification vous permet d'accéder de façon plus sécuritaire à Infolot, au Registre du domaine de l'État et à l'Espace client (section réservée aux arpenteurs-géomètres).",
    );
    expect(frCA["form.requiredLegend"]).toBe("* Ceci indique que le champ est obligatoire");
  });
});

describe("format", () => {
  it("replaces known placeholders only", () => {
    expect(format("Page {page} de {pages}", { page: 2, pages: 3 })).toBe("Page 2 de 3");
    expect(format("{unknown}", { page: 1 })).toBe("{unknown}");
  });
});
