import { vi } from "vitest";

/** A handler answers one "METHOD /path" of the API; it may look at the request. */
export type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export function problem(status: number, code: string, title: string, headers: Record<string, string> = {}): Response {
  return new Response(
    JSON.stringify({ type: `https://espace.cadastre.gouv.qc.ca/problemes/${code}`, title, status, code }),
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
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    const route = routes[key];
    if (route === undefined) return problem(404, "not_found", `Pas de route simulée : ${key}`);
    if (!Array.isArray(route)) return route(request);
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    const handler = route[Math.min(index, route.length - 1)];
    if (handler === undefined) return problem(404, "not_found", `Pas de réponse simulée : ${key}`);
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

const marieId = "5b0c7a1e-0000-4000-8000-000000005004";
const edithId = "5b0c7a1e-0000-4000-8000-00000000e001";
const claireId = "5b0c7a1e-0000-4000-8000-000000005001";
const jeanId = "5b0c7a1e-0000-4000-8000-000000005003";

export const ids = { marie: marieId, edith: edithId, claire: claireId, jean: jeanId };

/** Marie Tremblay, surveyor 5004, acting for herself. */
export const marie = {
  id: marieId,
  username: "mtremblay",
  email: "marie.tremblay@exemple.qc.ca",
  firstName: "Marie",
  lastName: "Tremblay",
  surveyor: { matricule: "5004" },
  actingFor: { userId: marieId, matricule: "5004", firstName: "Marie", lastName: "Tremblay" },
  mustSelectDelegant: false,
  isAdmin: false,
  passwordChangedAt: "2026-10-28T10:00:00Z",
};

/** Édith Descartes, délégataire of several surveyors, who has not chosen yet. */
export const edith = {
  id: edithId,
  username: "edescartes",
  email: "edith.descartes@exemple.qc.ca",
  firstName: "Édith",
  lastName: "Descartes",
  surveyor: null,
  actingFor: null,
  mustSelectDelegant: true,
  isAdmin: false,
  passwordChangedAt: "2026-11-27T10:00:00Z",
};

export const edithCandidate = {
  userId: edithId,
  lastName: "Descartes",
  firstName: "Édith",
  username: "edescartes",
  email: "edith.descartes@exemple.qc.ca",
};

export const edithDelegate = {
  ...edithCandidate,
  since: "2020-10-14T14:30:00Z",
  lastActivityAt: null,
};

export const delegantsOfEdith = [
  {
    userId: claireId,
    matricule: "5001",
    firstName: "Claire",
    lastName: "Lavoie",
    since: "2020-10-07T12:00:00Z",
    self: false,
  },
  {
    userId: jeanId,
    matricule: "5003",
    firstName: "Jean",
    lastName: "Piette",
    since: "2020-09-30T12:00:00Z",
    self: false,
  },
  {
    userId: marieId,
    matricule: "5004",
    firstName: "Marie",
    lastName: "Tremblay",
    since: "2026-11-27T12:00:00Z",
    self: false,
  },
];

export function tokens(accessToken: string) {
  return json({ accessToken, tokenType: "Bearer", expiresIn: 600 });
}
