// office-sync: what an office's software does with the public API, from an integration token
// (API token) only.
//
//   OFFICE_SYNC_BASE_URL  the service, e.g. https://espace.example.qc.ca (default http://localhost:8080)
//   OFFICE_SYNC_TOKEN     an integration token (mec_…), created by the user under « Jetons d'intégration »
//                         or with POST /api/v1/me/api-tokens
//   OFFICE_SYNC_DELEGANT  the surveyor to act for: their user id (uuid) or their matricule
//   OFFICE_SYNC_LOTS      how many lots to reserve (default 1)
//
// It exchanges the integration token for an access token acting for the surveyor, lists the
// surveyor's cadastre dossiers, reserves lots in the first open one, reads the reservation back in
// the activity log (channel "api") and finds the same row in the Excel export. Every call goes
// through types generated from openapi.yaml (src/schema.gen.d.ts, `npm run gen`).
//
// Exit code 0 when everything matched; 1 with the service's problem (RFC 9457) otherwise.
import createClient from "openapi-fetch";
import { readSheet } from "read-excel-file/node";
import type { components, paths } from "./schema.gen.js";

type Problem = components["schemas"]["Problem"];

class SyncError extends Error {}

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (!value) throw new SyncError(`la variable d'environnement ${name} est requise`);
  return value;
}

/** The problem document of a refused call, as one line. */
function describe(step: string, status: number, problem: Problem | undefined): SyncError {
  if (!problem) return new SyncError(`${step} : HTTP ${status}`);
  const fields = (problem.errors ?? []).map((e) => ` ${e.pointer} : ${e.detail}`).join(";");
  return new SyncError(`${step} : HTTP ${status} ${problem.code} — ${problem.title}${fields}`);
}

/** A lot number as the service writes it in French text: 6 123 401. */
function displayLot(lot: string): string {
  return lot.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const baseUrl = env("OFFICE_SYNC_BASE_URL", "http://localhost:8080");
  const apiToken = env("OFFICE_SYNC_TOKEN");
  const delegant = env("OFFICE_SYNC_DELEGANT");
  const lotCount = Number(env("OFFICE_SYNC_LOTS", "1"));

  const anonymous = createClient<paths>({ baseUrl });

  // 1. The integration token buys a short-lived access token (at most 10 minutes: a long-running
  //    program exchanges it again when it expires). Given a matricule, the first exchange acts by
  //    default and the délégants list gives the id to ask for.
  async function exchange(delegantId?: string): Promise<string> {
    const { data, error, response } = await anonymous.POST("/api/v1/auth/token", {
      body: delegantId ? { apiToken, delegantId } : { apiToken },
    });
    if (!data) throw describe("POST /api/v1/auth/token", response.status, error);
    return data.accessToken;
  }
  let delegantId = uuidPattern.test(delegant) ? delegant : undefined;
  if (!delegantId) {
    const probe = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${await exchange()}` } });
    const { data, error, response } = await probe.GET("/api/v1/delegants");
    if (!data) throw describe("GET /api/v1/delegants", response.status, error);
    const found = data.find((d) => d.matricule === delegant);
    if (!found) throw new SyncError(`aucun délégant de matricule ${delegant} (délégants : ${data.map((d) => d.matricule).join(", ") || "aucun"})`);
    delegantId = found.userId;
    console.log(`Délégant de matricule ${delegant} : ${found.username}`);
  }
  const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${await exchange(delegantId)}` } });

  const me = await api.GET("/api/v1/me");
  if (!me.data) throw describe("GET /api/v1/me", me.response.status, me.error);
  const actingFor = me.data.actingFor;
  if (!actingFor || actingFor.userId !== delegantId) throw new SyncError("le jeton d'accès n'agit pas pour le délégant demandé");
  console.log(`Agit pour : ${actingFor.firstName} ${actingFor.lastName} (matricule ${actingFor.matricule})`);

  // 2. The surveyor's cadastre dossiers; the first open one receives the reservation.
  const dossiers = await api.GET("/api/v1/dossiers", { params: { query: { kind: "cadastre", pageSize: 100 } } });
  if (!dossiers.data) throw describe("GET /api/v1/dossiers", dossiers.response.status, dossiers.error);
  console.log(`Dossiers du cadastre : ${dossiers.data.totalItems}`);
  const dossier = dossiers.data.items.find((d) => d.status !== "ferme");
  if (!dossier) throw new SyncError("aucun dossier du cadastre ouvert");

  // 3. The reservation.
  const reserved = await api.POST("/api/v1/lot-reservations", { body: { dossierNumber: dossier.number, lotCount, complementaryPlans: 0 } });
  if (!reserved.data) throw describe("POST /api/v1/lot-reservations", reserved.response.status, reserved.error);
  const lots = reserved.data.lots;
  console.log(`Lots réservés au dossier ${dossier.number} : ${lots.map(displayLot).join(", ")}`);

  // 4. The activity log: the reservation, made through the API.
  const filters = { dossier: dossier.number, type: ["lot_reservation" as const], sort: "date" as const, order: "desc" as const };
  const activities = await api.GET("/api/v1/activities", { params: { query: { ...filters, pageSize: 100 } } });
  if (!activities.data) throw describe("GET /api/v1/activities", activities.response.status, activities.error);
  const mentionsLots = (text: string | null | undefined) => lots.every((lot) => (text ?? "").includes(displayLot(lot)));
  const activity = activities.data.items.find((a) => a.channel === "api" && mentionsLots(a.detail));
  if (!activity) throw new SyncError("la réservation n'apparaît pas dans le suivi des activités (canal api)");
  console.log(`Activité : ${activity.label} — ${activity.detail} (canal ${activity.channel}, réalisée par ${activity.actor.firstName} ${activity.actor.lastName}, ${activity.actor.username})`);

  // 5. The Excel export of the same view: the bytes of an .xlsx file, read with read-excel-file.
  const exported = await api.GET("/api/v1/activities/export", {
    params: { query: { ...filters, format: "xlsx" } },
    parseAs: "arrayBuffer",
  });
  if (!exported.response.ok || !exported.data) throw describe("GET /api/v1/activities/export", exported.response.status, exported.error);
  // A date cell holds Québec wall-clock time (an Excel serial number has no time zone).
  const text = (cell: unknown) =>
    cell instanceof Date ? cell.toISOString().slice(0, 16).replace("T", " ") : cell === null ? "" : String(cell);
  const rows = (await readSheet(Buffer.from(exported.data))).map((row) => row.map(text));
  const [header, ...body] = rows;
  if (!header) throw new SyncError("exportation Excel vide");
  const column = (title: string) => {
    const index = header.indexOf(title);
    if (index < 0) throw new SyncError(`exportation Excel : colonne « ${title} » absente (${header.join(" | ")})`);
    return index;
  };
  const [dossierCol, detailCol, actorCol] = [column("No Dossier"), column("Détail"), column("Réalisée par")];
  const row = body.find((cells) => cells[dossierCol] === dossier.number && mentionsLots(cells[detailCol]));
  if (!row) throw new SyncError("la réservation n'apparaît pas dans l'exportation Excel");
  if (!(row[actorCol] ?? "").includes(activity.actor.lastName))
    throw new SyncError(`exportation Excel : « Réalisée par » vaut ${row[actorCol]}`);
  console.log(`Exportation Excel : ${body.length} ligne(s), dont la réservation (${row.join(" | ")})`);
  console.log("Synchronisation terminée");
}

main().catch((error: unknown) => {
  console.error(`office-sync : ${error instanceof SyncError ? error.message : String(error)}`);
  process.exit(1);
});
