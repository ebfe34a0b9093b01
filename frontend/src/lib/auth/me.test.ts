import { describe, expect, it } from "vitest";
import { fullName } from "./me";

describe("fullName", () => {
  it("is « Prénom Nom »", () => {
    expect(fullName({ firstName: "Édith", lastName: "Descartes" })).toBe("Édith Descartes");
  });
});
