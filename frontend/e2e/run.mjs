// Starts the real application (Go binary serving the built SPA and the API) on a free port
// with a fresh data directory, runs the browser tests against it, then stops it.
//
//   ESPACE_BIN   path of the Go binary (default: ../bin/espace from the repository root)
//   E2E_KEEP=1   keep the data directory and server log after the run
//   E2E_TESTS    comma-separated words: run only the test files whose names contain one
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, "..");
const repo = resolve(frontend, "..");
const dist = join(frontend, "dist");
const bin = resolve(process.env.ESPACE_BIN ?? join(repo, "bin", "espace"));
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

if (!existsSync(bin))
  fail(`binaire introuvable : ${bin} (définir ESPACE_BIN ou exécuter go build -o bin/espace ./backend/cmd/espace)`);
if (!existsSync(chromium)) fail(`Chromium introuvable : ${chromium} (apt-get install chromium)`);
if (!existsSync(join(dist, "index.html"))) {
  console.log("e2e: dist/ absent, construction de l'application…");
  const build = spawnSync("npm", ["run", "build"], { cwd: frontend, stdio: "inherit" });
  if (build.status !== 0) fail("la construction a échoué");
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

async function waitReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const port = await freePort();
const dataDir = await mkdtemp(join(tmpdir(), "espace-e2e-"));
const logPath = join(dataDir, "server.log");
const log = createWriteStream(logPath);
const baseURL = `http://localhost:${port}`;
const reauthWindowSeconds = 20;
const demoPassword = `demo-${Math.random().toString(36).slice(2)}-verger`;

const server = spawn(bin, ["serve"], {
  cwd: repo,
  env: {
    ...process.env,
    ESPACE_ADDR: `localhost:${port}`,
    ESPACE_DATA_DIR: dataDir,
    ESPACE_WEB_DIR: dist,
    ESPACE_DEMO: "1",
    ESPACE_DEMO_PASSWORD: demoPassword,
    ESPACE_LOG_LEVEL: "warn",
    // Every browser of the suite logs in from the same address.
    ESPACE_LOGIN_BURST_PER_IP: "500",
    // Short, so that the scopes test sees « Confirmez votre identité » without a long wait (§12).
    ESPACE_REAUTH_WINDOW: `${reauthWindowSeconds}s`,
  },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout.pipe(log);
server.stderr.pipe(log);

let exitCode = 1;
let stopping = false;

async function stopServer() {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await new Promise((r) => log.end(r));
}

function printServerLog() {
  try {
    const text = readFileSync(logPath, "utf8").trim();
    if (text) console.error(`--- journal du serveur (${logPath}) ---\n${text.split("\n").slice(-60).join("\n")}`);
  } catch {
    // no log
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await stopServer();
    process.exit(130);
  });
}

try {
  const ready = await waitReady(`${baseURL}/readyz`, server, 60_000);
  if (!ready) {
    printServerLog();
    fail(`le serveur n'est pas prêt (${baseURL}/readyz)`);
  }
  console.log(`e2e: serveur prêt sur ${baseURL}`);
  mkdirSync(join(here, "screenshots"), { recursive: true });

  const files = readdirSync(join(here, "tests"))
    .filter((name) => name.endsWith(".test.mjs"))
    // E2E_TESTS=delegation,activity runs only the files whose names contain one of those words.
    .filter((name) => !process.env.E2E_TESTS || process.env.E2E_TESTS.split(",").some((w) => name.includes(w)))
    .sort()
    .map((name) => join(here, "tests", name));
  const tests = spawn(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", ...files], {
    cwd: frontend,
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_BASE_URL: baseURL,
      E2E_DEMO_PASSWORD: demoPassword,
      CHROMIUM_PATH: chromium,
      E2E_REAUTH_WINDOW_SECONDS: String(reauthWindowSeconds),
    },
  });
  exitCode = await new Promise((r) => tests.on("exit", (code) => r(code ?? 1)));
  if (exitCode !== 0) printServerLog();
} finally {
  await stopServer();
  if (process.env.E2E_KEEP === "1") console.log(`e2e: données conservées dans ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
