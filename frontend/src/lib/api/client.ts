import createClient, { type Middleware } from "openapi-fetch";
import { browserLock, SessionStore, type TokenResponse } from "@/lib/auth/session-store";
import type { paths } from "./schema.gen";

/** Browsers ask for the refresh token in the HttpOnly cookie, never in the body. */
export const refreshTransport = { "X-Refresh-Token-Transport": "cookie" } as const;

/**
 * Operations declared with `security: []` in openapi.yaml: no bearer token is sent to them.
 * public-paths.test.ts fails when this list and the contract differ.
 */
export const publicPaths: ReadonlySet<string> = new Set([
  "/healthz",
  "/readyz",
  "/api/v1/accounts",
  "/api/v1/auth/login",
  "/api/v1/auth/refresh",
  "/api/v1/auth/password-reset-requests",
  "/api/v1/auth/password-resets",
  "/api/v1/auth/username-reminders",
  "/api/v1/auth/token",
]);

export interface TokenSource {
  getAccessToken(): string | null;
  /** A fresh access token, or null when the session is over. */
  refresh(): Promise<string | null>;
}

/**
 * Adds the bearer token to protected calls. On a 401 it renews the token once (shared with any
 * concurrent caller) and replays the request; if renewal fails the session store signs out.
 */
export function authMiddleware(tokens: TokenSource): Middleware {
  const replays = new Map<string, Request>();
  return {
    onRequest({ request, schemaPath, id }) {
      if (publicPaths.has(schemaPath)) return undefined;
      const token = tokens.getAccessToken();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      replays.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id, options }) {
      const replay = replays.get(id);
      replays.delete(id);
      if (response.status !== 401 || !replay) return undefined;
      const token = await tokens.refresh();
      if (!token) return undefined;
      replay.headers.set("Authorization", `Bearer ${token}`);
      return options.fetch(replay);
    },
    onError({ id }) {
      replays.delete(id);
      return undefined;
    },
  };
}

function currentOrigin(): string {
  return globalThis.location?.origin ?? "";
}

export function createApiClient(tokens: TokenSource, fetchImpl?: (request: Request) => Promise<Response>) {
  const client = createClient<paths>({
    baseUrl: currentOrigin(),
    // Resolved at call time, so tests can replace globalThis.fetch.
    fetch: fetchImpl ?? ((request) => globalThis.fetch(request)),
    credentials: "same-origin",
  });
  client.use(authMiddleware(tokens));
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export async function refreshTokens(client: ApiClient): Promise<TokenResponse | null> {
  const { data, response } = await client.POST("/api/v1/auth/refresh", {
    params: { header: refreshTransport },
  });
  return response.ok && data !== undefined ? data : null;
}

/** The application's session: access token in memory only. */
export const session = new SessionStore({
  refresh: () => refreshTokens(api),
  lock: browserLock,
});

/** The one typed client of the application. */
export const api = createApiClient(session);
