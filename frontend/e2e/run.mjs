// Starts the real application (Go binary serving the built SPA and the API) on a free port
// with a fresh data directory, runs the browser tests against it, then stops it.
//
//   ESPACE_BIN   path of the Go binary (default: ../bin/espace from the repository root)
//   E2E_KEEP=1   keep the data directory and server log after the run
//   E2E_TESTS    comma-separated words: run only the test files whose names contain one
//
// An SMTP listener (smtp-server) on a free port receives the application's e-mails (SMTP_URL):
// each message is written, with its envelope, as a JSON file in E2E_MAIL_DIR for the tests
// (support.mjs: mailbox(), waitForMail()).
import { spawn, spawnSync } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";

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

// The SMTP listener: plain SMTP on 127.0.0.1, no authentication, every message kept.
const mailDir = join(dataDir, "mail");
mkdirSync(mailDir, { recursive: true });
let mailCount = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  size: 5 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("error", callback);
    stream.on("end", () => {
      mailCount += 1;
      const name = `${String(mailCount).padStart(5, "0")}.json`;
      const message = {
        receivedAt: new Date().toISOString(),
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((recipient) => recipient.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      };
      // Written aside then renamed, so that a test never reads half a message.
      writeFileSync(join(mailDir, `.${name}`), JSON.stringify(message));
      renameSync(join(mailDir, `.${name}`), join(mailDir, name));
      callback();
    });
  },
});
const smtpPort = await freePort();
await new Promise((resolveListen, reject) => {
  smtp.once("error", reject);
  smtp.listen(smtpPort, "127.0.0.1", resolveListen);
});
smtp.on("error", (error) => console.error(`e2e: SMTP : ${error.message}`));

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
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=none`,
    // Every browser of the suite logs in from the same address.
    ESPACE_LOGIN_BURST_PER_IP: "500",
    // Short, so that the scopes test sees « Confirmez votre identité » without a long wait (§12).
    ESPACE_REAUTH_WINDOW: `${reauthWindowSeconds}s`,
  },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout.pipe(log);
server.stderr.pipe(log);

let exitCode;
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
  // The application is gone: its connections, if any, are closed by smtp-server itself.
  await new Promise((r) => smtp.close(r));
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
      E2E_MAIL_DIR: mailDir,
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
