// The integrator's example as a test: starts the real binary with the demo cast on a fresh
// embedded SQLite database, creates an integration token for a demo délégataire through the
// public API (login, then POST /api/v1/me/api-tokens), runs dist/main.js against it and checks
// its exit code and output. A revoked token must make it fail with the service's problem.
//
//   ESPACE_BIN   path of the Go binary (default: bin/espace from the repository root;
//                go build -o bin/espace ./backend/cmd/espace)
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const bin = resolve(process.env.ESPACE_BIN ?? join(repo, "bin", "espace"));
if (!existsSync(bin)) {
  console.error(`office-sync: binaire introuvable : ${bin} (go build -o bin/espace ./backend/cmd/espace)`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const port = await freePort();
const dataDir = await mkdtemp(join(tmpdir(), "espace-office-sync-"));
const logPath = join(dataDir, "server.log");
const log = createWriteStream(logPath);
const baseURL = `http://localhost:${port}`;
const password = `demo-${Math.random().toString(36).slice(2)}-verger`;

const server = spawn(bin, ["serve"], {
  cwd: repo,
  env: {
    ...process.env,
    ESPACE_ADDR: `localhost:${port}`,
    ESPACE_DATA_DIR: dataDir,
    ESPACE_DEMO: "1",
    ESPACE_DEMO_PASSWORD: password,
    ESPACE_LOG_LEVEL: "warn",
    DATABASE_URL: "",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout.pipe(log);
server.stderr.pipe(log);

async function waitReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) return false;
    try {
      const response = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function call(token, method, path, body) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(new URL(path, baseURL), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Runs the example; resolves to its exit code and output. */
function runExample(environment) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(here, "dist", "main.js")], {
      cwd: here,
      env: { ...process.env, OFFICE_SYNC_BASE_URL: baseURL, ...environment },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolveRun({ code, stdout, stderr }));
  });
}

async function stopServer() {
  if (server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await new Promise((r) => log.end(r));
}

let failed = false;
try {
  assert.ok(await waitReady(60_000), `le serveur n'est pas prêt (${baseURL}/readyz)`);

  // The délégataire creates an integration token for the office's software (§14).
  const { accessToken } = await call(null, "POST", "/api/v1/auth/login", { username: "pquiroule", password });
  const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await call(accessToken, "POST", "/api/v1/me/api-tokens", { name: "Logiciel du bureau", expiresOn });
  assert.match(created.token, /^mec_/);

  // By matricule: Jean Piette (5003), for whom pquiroule acts.
  const run = await runExample({ OFFICE_SYNC_TOKEN: created.token, OFFICE_SYNC_DELEGANT: "5003", OFFICE_SYNC_LOTS: "2" });
  process.stdout.write(run.stdout);
  assert.equal(run.code, 0, `office-sync a échoué : ${run.stderr}`);
  assert.match(run.stdout, /^Agit pour : Jean Piette \(matricule 5003\)$/m);
  assert.match(run.stdout, /^Lots réservés au dossier \d{7} : \d \d{3} \d{3}, \d \d{3} \d{3}$/m);
  assert.match(run.stdout, /^Délégant de matricule 5003 : jpiette$/m);
  assert.match(run.stdout, /\(canal api, réalisée par Pierre Quiroule, pquiroule\)$/m);
  assert.match(run.stdout, /^Exportation Excel : \d+ ligne\(s\), dont la réservation/m);
  assert.match(run.stdout, /^Synchronisation terminée$/m);

  // The reservation is the délégant's: it is in Jean Piette's own list, made through the API.
  const jpiette = await call(null, "POST", "/api/v1/auth/login", { username: "jpiette", password });
  const reservations = await call(jpiette.accessToken, "GET", "/api/v1/lot-reservations?pageSize=1");
  const reservedLine = run.stdout.match(/^Lots réservés au dossier (\d{7}) : (.*)$/m);
  assert.equal(reservations.items[0].dossierNumber, reservedLine[1]);
  assert.equal(reservations.items[0].doneBy.lastName, "Quiroule");

  // A surveyor who does not delegate to pquiroule: refused, with the stable code.
  const other = await runExample({ OFFICE_SYNC_TOKEN: created.token, OFFICE_SYNC_DELEGANT: "00000000-0000-4000-8000-000000000000" });
  assert.equal(other.code, 1, other.stdout);
  assert.match(other.stderr, /POST \/api\/v1\/auth\/token : HTTP 403 delegation_not_active/);

  // Revoked, the token no longer buys anything.
  await call(accessToken, "DELETE", `/api/v1/me/api-tokens/${created.id}`);
  const revoked = await runExample({ OFFICE_SYNC_TOKEN: created.token, OFFICE_SYNC_DELEGANT: "5003" });
  assert.equal(revoked.code, 1, revoked.stdout);
  assert.match(revoked.stderr, /POST \/api\/v1\/auth\/token : HTTP 401 /);
  console.log("office-sync: tous les contrôles ont réussi");
} catch (error) {
  failed = true;
  console.error(`office-sync: ${error.stack ?? error}`);
  const text = readFileSync(logPath, "utf8").trim();
  if (text) console.error(`--- journal du serveur ---\n${text.split("\n").slice(-40).join("\n")}`);
} finally {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
