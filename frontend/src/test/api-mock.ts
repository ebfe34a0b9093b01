import { vi } from "vitest";

/** A handler answers one "METHOD /path" of the API; it may look at the request. */
export type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A problem+json answer; its type is derived from the code. */
export function problem(
  status: number,
  body: { code: string; title: string } & Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({ type: `https://espace.cadastre.gouv.qc.ca/problemes/${body.code}`, status, ...body }),
    { status, headers: { "Content-Type": "application/problem+json", ...headers } },
  );
}

/**
 * Replaces fetch by a table of routes keyed "METHOD /path". A route may hold a list of
 * handlers, used in turn (the last one stays). Unknown routes answer 404.
 */
export function mockApi(routes: Record<string, Handler | Handler[]>) {
  const used = new Map<string, number>();
  const fetch = vi.fn(async (request: Request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const route = routes[key];
    if (route === undefined) return problem(404, { code: "not_found", title: `Pas de route simulée : ${key}` });
    if (!Array.isArray(route)) return route(request);
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    const handler = route[Math.min(index, route.length - 1)];
    if (handler === undefined) return problem(404, { code: "not_found", title: `Pas de réponse simulée : ${key}` });
    return handler(request);
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

/** The calls made to "METHOD /path", in order. */
export function callsTo(fetch: ReturnType<typeof mockApi>, method: string, path: string): Request[] {
  return fetch.mock.calls
    .map(([request]) => request)
    .filter((request) => request.method === method && new URL(request.url).pathname === path);
}
