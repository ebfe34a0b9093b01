import { afterEach, beforeEach } from "vitest";
import { session } from "@/lib/api/client";

/** The token pair of a signed-in test session. */
export const testTokens = { accessToken: "jeton", tokenType: "Bearer", expiresIn: 600 } as const;

/** Every test of the calling suite starts signed in, and ends signed out. */
export function signedInForEachTest() {
  beforeEach(() => {
    session.signIn(testTokens);
  });
  signOutAfterEachTest();
}

/** Every test of the calling suite ends signed out, whatever it did. */
export function signOutAfterEachTest() {
  afterEach(() => {
    session.signOut("initial");
  });
}
