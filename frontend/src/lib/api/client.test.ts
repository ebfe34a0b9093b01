import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SessionStore, refreshDelayMs, type TokenResponse } from "@/lib/auth/session-store";
import { createApiClient, refreshTokens, type ApiClient } from "./client";

const me = {
  id: "0b8a7c5e-3f4e-4d7a-9a55-5d1f4b1f0a01",
  username: "edescartes",
  email: "edith.descartes@example.qc.ca",
  firstName: "Édith",
  lastName: "Descartes",
  surveyor: null,
  actingFor: null,
  mustSelectDelegant: false,
  isAdmin: false,
  passwordChangedAt: "2026-11-27T10:00:00Z",
};

const unauthenticated = {
  type: "https://espace.cadastre.gouv.qc.ca/problemes/unauthenticated",
  title: "Authentification requise.",
  status: 401,
  code: "unauthenticated",
};

function json(status: number, body: unknown, contentType = "application/json") {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

function tokens(accessToken: string, expiresIn = 600): TokenResponse {
  return { accessToken, tokenType: "Bearer", expiresIn };
}

interface Recorded {
  path: string;
  method: string;
  authorization: string | null;
  transport: string | null;
  body: string;
}

/** A fake server: the refresh endpoint hands out the queued tokens; /me wants the current one. */
function fakeServer(options: { refreshTokens: Array<TokenResponse | null>; validToken: () => string | null }) {
  const calls: Recorded[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    calls.push({
      path,
      method: request.method,
      authorization: request.headers.get("Authorization"),
      transport: request.headers.get("X-Refresh-Token-Transport"),
      body: await request.clone().text(),
    });
    if (path === "/api/v1/auth/refresh") {
      const next = options.refreshTokens.shift();
      return next ? json(200, next) : json(401, unauthenticated, "application/problem+json");
    }
    if (request.headers.get("Authorization") !== `Bearer ${options.validToken()}`) {
      return json(401, unauthenticated, "application/problem+json");
    }
    if (path === "/api/v1/me") return json(200, me);
    if (path === "/api/v1/me/password") return new Response(null, { status: 204 });
    return json(404, { ...unauthenticated, status: 404, code: "not_found" });
  });
  return { fetch, calls };
}

function setup(refreshQueue: Array<TokenResponse | null>, validToken: () => string | null) {
  const server = fakeServer({ refreshTokens: refreshQueue, validToken });
  // refresh runs after setup returns, once client is assigned.
  const session = new SessionStore({ refresh: () => refreshTokens(client) });
  const client: ApiClient = createApiClient(session, server.fetch);
  return { session, client, ...server };
}

describe("auth middleware", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends the in-memory bearer token to protected operations", async () => {
    const { session, client, calls } = setup([], () => "A");
    session.signIn(tokens("A"));
    const { data } = await client.GET("/api/v1/me");
    expect(data?.username).toBe("edescartes");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.authorization).toBe("Bearer A");
  });

  it("sends no bearer token to public operations", async () => {
    const { session, client, calls } = setup([tokens("B")], () => "B");
    session.signIn(tokens("A"));
    await client.POST("/api/v1/auth/login", {
      params: { header: { "X-Refresh-Token-Transport": "cookie" } },
      body: { username: "edescartes", password: "x" },
    });
    expect(calls[0]?.authorization).toBeNull();
    expect(calls[0]?.transport).toBe("cookie");
  });

  it("renews the token on a 401 and replays the request with its body", async () => {
    let valid = "A";
    const { session, client, calls } = setup([tokens("B")], () => valid);
    session.signIn(tokens("A"));
    valid = "B"; // the server no longer accepts A
    const { response } = await client.PUT("/api/v1/me/password", {
      body: { currentPassword: "ancien mot de passe", newPassword: "nouveau mot de passe" },
    });
    expect(response.status).toBe(204);
    expect(calls.map((call) => call.path)).toEqual([
      "/api/v1/me/password",
      "/api/v1/auth/refresh",
      "/api/v1/me/password",
    ]);
    expect(calls[1]?.transport).toBe("cookie");
    expect(calls[1]?.authorization).toBeNull();
    expect(calls[2]?.authorization).toBe("Bearer B");
    expect(JSON.parse(calls[2]?.body ?? "{}")).toEqual({
      currentPassword: "ancien mot de passe",
      newPassword: "nouveau mot de passe",
    });
    expect(session.getAccessToken()).toBe("B");
  });

  it("refreshes once for concurrent 401s (the refresh token is single use)", async () => {
    let valid = "A";
    const { session, client, calls } = setup([tokens("B"), tokens("C")], () => valid);
    session.signIn(tokens("A"));
    valid = "B";
    const results = await Promise.all([client.GET("/api/v1/me"), client.GET("/api/v1/me"), client.GET("/api/v1/me")]);
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(calls.filter((call) => call.path === "/api/v1/auth/refresh")).toHaveLength(1);
  });

  it("signs out when the refresh is refused, and hands back the 401", async () => {
    const { session, client } = setup([null], () => "nothing");
    session.signIn(tokens("A"));
    const { error, response } = await client.GET("/api/v1/me");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: "unauthenticated" });
    expect(session.getSnapshot()).toEqual({ status: "anonymous", endReason: "expired" });
    expect(session.getAccessToken()).toBeNull();
  });

  it("on page load: a refused refresh leaves the visitor anonymous without an 'expired' notice", async () => {
    const { session } = setup([null], () => null);
    expect(session.getSnapshot().status).toBe("pending");
    await expect(session.refresh()).resolves.toBeNull();
    expect(session.getSnapshot()).toEqual({ status: "anonymous", endReason: "initial" });
  });

  it("on page load: an accepted refresh opens the session", async () => {
    const { session, calls } = setup([tokens("A")], () => "A");
    await expect(session.refresh()).resolves.toBe("A");
    expect(session.getSnapshot().status).toBe("authenticated");
    expect(calls[0]?.transport).toBe("cookie");
  });

  it("renews the token before it expires", async () => {
    const { session, calls } = setup([tokens("B")], () => "B");
    session.signIn(tokens("A", 600));
    await vi.advanceTimersByTimeAsync(refreshDelayMs(600) - 1);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((call) => call.path)).toEqual(["/api/v1/auth/refresh"]);
    expect(session.getAccessToken()).toBe("B");
  });

  it("stops renewing after sign-out", async () => {
    const { session, calls } = setup([tokens("B")], () => "B");
    session.signIn(tokens("A", 600));
    session.signOut("logout");
    await vi.advanceTimersByTimeAsync(700_000);
    expect(calls).toHaveLength(0);
    expect(session.getSnapshot()).toEqual({ status: "anonymous", endReason: "logout" });
  });
});

describe("refreshDelayMs", () => {
  it("leaves a margin before expiry", () => {
    expect(refreshDelayMs(600)).toBe(540_000);
    expect(refreshDelayMs(30)).toBe(24_000);
    expect(refreshDelayMs(0)).toBe(1_000);
  });
});
