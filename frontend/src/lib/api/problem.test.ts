import { describe, expect, it } from "vitest";
import { isProblem, mapProblemToFields, pointerToField, retryAfterSeconds } from "./problem";

const validation = {
  type: "https://espace.cadastre.gouv.qc.ca/problemes/validation_failed",
  title: "Les données soumises sont invalides.",
  status: 400,
  code: "validation_failed",
} as const;

describe("pointerToField", () => {
  it("turns a JSON pointer into a field name", () => {
    expect(pointerToField("/newPassword")).toBe("newPassword");
    expect(pointerToField("/address/city")).toBe("address.city");
    expect(pointerToField("/a~1b/c~0d")).toBe("a/b.c~d");
  });

  it("does not treat the root or a malformed pointer as a field", () => {
    expect(pointerToField("")).toBeNull();
    expect(pointerToField("/")).toBeNull();
    expect(pointerToField("email")).toBeNull();
  });
});

describe("mapProblemToFields", () => {
  const fields = ["currentPassword", "newPassword", "confirmPassword"] as const;

  it("puts each error next to the field its pointer names", () => {
    const result = mapProblemToFields(
      {
        ...validation,
        errors: [
          { pointer: "/currentPassword", detail: "L'ancien mot de passe est erroné." },
          { pointer: "/newPassword", detail: "Ce mot de passe est trop courant." },
        ],
      },
      fields,
    );
    expect(result.fieldErrors).toEqual({
      currentPassword: "L'ancien mot de passe est erroné.",
      newPassword: "Ce mot de passe est trop courant.",
    });
    expect(result.otherErrors).toEqual([]);
  });

  it("keeps the first message of a field", () => {
    const result = mapProblemToFields(
      {
        ...validation,
        errors: [
          { pointer: "/newPassword", detail: "Premier." },
          { pointer: "/newPassword", detail: "Second." },
        ],
      },
      fields,
    );
    expect(result.fieldErrors.newPassword).toBe("Premier.");
  });

  it("sends errors about unknown fields or the whole document to the form alert", () => {
    const result = mapProblemToFields(
      {
        ...validation,
        errors: [
          { pointer: "/token", detail: "Le lien de réinitialisation est expiré." },
          { pointer: "", detail: "Le corps de la requête est invalide." },
        ],
      },
      fields,
    );
    expect(result.fieldErrors).toEqual({});
    expect(result.otherErrors).toEqual([
      "Le lien de réinitialisation est expiré.",
      "Le corps de la requête est invalide.",
    ]);
  });

  it("follows aliases (one input for username or e-mail)", () => {
    const result = mapProblemToFields(
      { ...validation, errors: [{ pointer: "/email", detail: "Adresse courriel invalide." }] },
      ["identifier"] as const,
      { username: "identifier", email: "identifier" },
    );
    expect(result.fieldErrors).toEqual({ identifier: "Adresse courriel invalide." });
  });

  it("copes with a problem without errors", () => {
    expect(mapProblemToFields({}, fields)).toEqual({ fieldErrors: {}, otherErrors: [] });
  });
});

describe("isProblem", () => {
  it("accepts a problem document", () => {
    expect(isProblem({ ...validation, errors: [{ pointer: "/email", detail: "Obligatoire." }] })).toBe(true);
  });

  it("rejects anything else", () => {
    expect(isProblem("<html>Bad gateway</html>")).toBe(false);
    expect(isProblem(null)).toBe(false);
    expect(isProblem({ title: "x", status: 400 })).toBe(false);
    expect(isProblem({ ...validation, errors: [{ pointer: 3 }] })).toBe(false);
  });
});

describe("retryAfterSeconds", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(retryAfterSeconds(new Response(null, { headers: { "Retry-After": "42" } }))).toBe(42);
    const now = Date.parse("2026-11-27T12:00:00Z");
    expect(
      retryAfterSeconds(new Response(null, { headers: { "Retry-After": "Fri, 27 Nov 2026 12:00:30 GMT" } }), now),
    ).toBe(30);
    expect(retryAfterSeconds(new Response(null))).toBeNull();
  });
});
