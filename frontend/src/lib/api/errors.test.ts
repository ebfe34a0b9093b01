import { describe, expect, it } from "vitest";
import { translator } from "@/i18n";
import { ApiError, describeError } from "./errors";

function problemResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new ApiError(new Response(null, { status, headers }), body);
}

const rateLimited = {
  type: "about:blank",
  title: "Trop de tentatives.",
  status: 429,
  code: "rate_limited",
};

describe("describeError", () => {
  it("shows the French title of the API in French, with the wait time of a 429", () => {
    const error = problemResponse(429, rateLimited, { "Retry-After": "30" });
    expect(describeError(error, translator("fr-CA"), "fr-CA")).toEqual({
      text: "Trop de tentatives. Veuillez réessayer dans 30 secondes.",
    });
  });

  it("uses the stable code for the English text", () => {
    const error = problemResponse(429, rateLimited, { "Retry-After": "30" });
    expect(describeError(error, translator("en-CA"), "en-CA")).toEqual({
      text: "Too many attempts. Please try again in 30 seconds.",
    });
  });

  it("falls back to a generic message when the body is not a problem", () => {
    expect(describeError(problemResponse(502, "<html>"), translator("fr-CA"), "fr-CA").text).toMatch(/inaccessible/);
    expect(describeError(problemResponse(500, ""), translator("fr-CA"), "fr-CA").text).toMatch(/inattendue/);
    expect(describeError(new TypeError("Failed to fetch"), translator("fr-CA"), "fr-CA").text).toMatch(/inaccessible/);
  });
});
