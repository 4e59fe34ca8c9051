// End-to-end scenarios of 联络站工作台 through the real Tauri window.
//
// How: start `WebKitWebDriver --port=N` directly (tauri-driver dropped ~1% of requests in our trials), and per
// scenario open a WebDriver session whose capabilities name the built app binary
// (`webkitgtk:browserOptions.binary`) with `--db <temp db>`. The app runs with TAURI_WEBVIEW_AUTOMATION=true
// (without it session creation hangs) and with XDG_* folders in a temp dir, so every run starts from a clean
// webview profile (localStorage) and leaves the user's own data alone.
//
// Client: `webdriverio` in standalone mode (`remote()`), no test runner. The scenarios are a plain async list;
// @wdio/cli would add a runner, reporters and config files, and would try to manage drivers itself, while all we
// need is a WebDriver client pointed at a driver we start. WebDriver Classic only (no BiDi: WebKitWebDriver
// does not offer it).
//
// Builds nothing: expects the debug app at $LIAISON_DESK_BIN, else $CARGO_TARGET_DIR/debug/liaison-desk, else
// <repo>/target/debug/liaison-desk (.ci/e2e builds it first), and the `liaison` CLI beside it (or at
// $LIAISON_CLI_BIN) for scenarios that prepare their database before the app starts (`prepare`). Needs a display: without $DISPLAY it re-runs
// itself under `xvfb-run -a`. Every wait is bounded; a watchdog kills the driver and fails the run rather than
// hang. Screenshots of each scenario's last screen (and the driver's log) go to tests/e2e/artifacts/.
//
// Usage: node run.mjs [scenario-name-filter]

import { spawn, spawnSync } from "node:child_process";
import { inflateSync } from "node:zlib";
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";
import readXlsxFile from "read-excel-file/node";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, "..", "..");
const ARTIFACTS = join(HERE, "artifacts");

/** Limits (ms). Generous for a cold 2-core machine, but finite. */
const DRIVER_START_TIMEOUT = 30_000;
const SESSION_TIMEOUT = 60_000;
const SCENARIO_TIMEOUT = 180_000;
const WAIT_TIMEOUT = 20_000;
/** Loading the demo city in the debug build (release: ~2 s). */
const DEMO_TIMEOUT = 150_000;
const TOTAL_TIMEOUT = 10 * 60_000;

/** The administrator the scenarios' databases get (through the CLI, or the first-run form). */
const ADMIN = { login: "wangfang", name: "王芳", password: "admin2026" };

const ZH_NAV = ["工作台", "接待登记", "意见建议", "进站履职", "代表名册", "联络站", "二维码", "同步", "统计", "设置"];
const EN_NAV = ["Dashboard", "Visits", "Suggestions", "Station duty", "Deputies", "Stations", "QR codes", "Sync", "Statistics", "Settings"];
const NAV_KEYS = ["dashboard", "visits", "matters", "duty", "deputies", "stations", "qrcodes", "sync", "stats", "settings"];

// --- display ------------------------------------------------------------------------------------------------
if (!process.env.DISPLAY) {
  if (process.env.LIAISON_E2E_UNDER_XVFB) fail("xvfb-run started, but DISPLAY is still unset");
  const xvfb = spawnSync(
    "xvfb-run",
    ["-a", "-s", "-screen 0 1600x1000x24", process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit", env: { ...process.env, LIAISON_E2E_UNDER_XVFB: "1" }, timeout: TOTAL_TIMEOUT + 60_000 },
  );
  if (xvfb.error) fail(`cannot run xvfb-run (apt-get install xvfb xauth): ${xvfb.error.message}`);
  process.exit(xvfb.status ?? 1);
}

// --- set-up -----------------------------------------------------------------------------------------------
function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

function appBinary() {
  const candidates = [
    process.env.LIAISON_DESK_BIN,
    process.env.CARGO_TARGET_DIR && join(resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR), "debug", "liaison-desk"),
    join(REPO_ROOT, "target", "debug", "liaison-desk"),
  ].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) fail(`no app binary; build it first (cargo build -p liaison-desk). Looked at: ${candidates.join(", ")}`);
  return found;
}

/** The `liaison` CLI: $LIAISON_CLI_BIN, else beside the app binary. */
function cliBinary(appBin) {
  const path = process.env.LIAISON_CLI_BIN || join(dirname(appBin), "liaison");
  if (!existsSync(path)) throw new Error(`no CLI binary at ${path}; build it first (cargo build -p liaison-cli)`);
  return path;
}

/** Runs the CLI on `db` with `args` (and extra environment, e.g. LIAISON_PASSWORD); throws with its stderr when it fails. */
function runCli(appBin, db, args, extraEnv = {}) {
  const result = spawnSync(cliBinary(appBin), ["--db", db, ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...extraEnv },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`liaison ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
}

/** Runs the CLI with `--json` on `db` (the binary found from $CARGO_TARGET_DIR) and parses what it prints. */
function runCliJsonAt(db, args) {
  return runCliJson(appBinary(), db, args);
}

/** Runs the CLI with `--json` on `db` and parses what it prints. */
function runCliJson(appBin, db, args) {
  const result = spawnSync(cliBinary(appBin), ["--db", db, "--json", ...args], { encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`liaison ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function waitForDriver(port, driver) {
  const deadline = Date.now() + DRIVER_START_TIMEOUT;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) fail(`WebKitWebDriver exited early (code ${driver.exitCode}); see artifacts/webkitwebdriver.log`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  fail(`WebKitWebDriver did not answer on port ${port} within ${DRIVER_START_TIMEOUT / 1000} s`);
}

function stopDriver(driver) {
  if (driver.exitCode !== null || driver.signalCode !== null) return;
  try {
    process.kill(-driver.pid, "SIGTERM"); // its process group: the driver and the app it started
  } catch {
    // already gone
  }
}

// --- helpers used by the scenarios ----------------------------------------------------------------------------
const byTestId = (id) => `[data-testid="${id}"]`;

async function text(browser, testId) {
  const element = await browser.$(byTestId(testId));
  await element.waitForDisplayed({ timeout: WAIT_TIMEOUT });
  return (await element.getText()).trim();
}

/**
 * Types `value` into the input with this test id, replacing what it holds. Selects all and deletes with the
 * keyboard first: WebDriver's element clear empties the DOM value without an input event, so Vue's model keeps
 * the old text and the typed text would be appended to it.
 */
async function fill(browser, testId, value) {
  const element = await browser.$(byTestId(testId));
  await element.waitForDisplayed({ timeout: WAIT_TIMEOUT });
  await element.click();
  await browser.keys(["Control", "a"]);
  await browser.keys("Backspace");
  await element.addValue(value);
}

/** Prepares a database with the first administrator, through the CLI (the password in the environment). */
function addAdmin(db, cli) {
  cli(db, ["operator", "add", "--login", ADMIN.login, "--name", ADMIN.name, "--role", "admin"], {
    LIAISON_PASSWORD: ADMIN.password,
  });
}

/** Signs in on the sign-in screen (Enter in the password field submits) and waits for the navigation. */
async function signIn(browser, navLabelsExpected = ZH_NAV, password = ADMIN.password) {
  await fill(browser, "si-login", ADMIN.login);
  await fill(browser, "si-password", password);
  await browser.keys("Enter");
  await waitForNav(browser, navLabelsExpected);
}

async function navLabels(browser) {
  const labels = [];
  for (const key of NAV_KEYS) labels.push(await text(browser, `nav-${key}`));
  return labels;
}

async function waitForNav(browser, expected) {
  let last = [];
  await browser.waitUntil(
    async () => {
      last = await navLabels(browser);
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    { timeout: WAIT_TIMEOUT, interval: 200, timeoutMsg: `navigation labels ${JSON.stringify(last)} never became ${JSON.stringify(expected)}` },
  );
}

/**
 * Waits until the webview has painted what the DOM says: a WebDriver screenshot is the last painted frame, and
 * right after a DOM change (especially on the first screen of a fresh window under Xvfb) that frame can be stale.
 */
async function settle(browser) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await sleep(300);
}

async function screenshot(browser, name) {
  await settle(browser);
  await browser.saveScreenshot(join(ARTIFACTS, `${name}.png`));
}

function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** No Content-Security-Policy violation was recorded by the page (ui/src/csp.ts). */
async function assertNoCspViolations(browser) {
  const violations = await browser.execute(() => window.__LIAISON_CSP_VIOLATIONS__ ?? null);
  if (violations === null) throw new Error("the page did not install its CSP watcher (ui/src/csp.ts)");
  assertEqual(violations, [], "CSP violations");
}

/**
 * The strict CSP is really in force, and the page's watcher sees violations: an injected <style> element must be
 * blocked (its rule does not apply) and reported. The probe is removed and its violation cleared afterwards.
 */
async function assertCspInForce(browser) {
  const [width, reported] = await browser.executeAsync((done) => {
    const style = document.createElement("style");
    style.textContent = "#csp-probe { width: 123px; }";
    const probe = document.createElement("div");
    probe.id = "csp-probe";
    document.head.append(style);
    document.body.append(probe);
    setTimeout(() => {
      const result = getComputedStyle(probe).width;
      style.remove();
      probe.remove();
      const list = window.__LIAISON_CSP_VIOLATIONS__ ?? [];
      const found = list.some((v) => v.directive.startsWith("style-src"));
      list.length = 0;
      done([result, found]);
    }, 200);
  });
  if (width === "123px") throw new Error("an inline <style> was applied: the CSP is not in force");
  if (!reported) throw new Error("the blocked inline <style> was not reported to the page's CSP watcher");
}

/** Element Plus styles are in force: the dark menu colour comes from its stylesheet plus a CSSOM variable. */
async function assertStyled(browser) {
  const background = await browser.execute(
    () => getComputedStyle(document.querySelector(".side-nav-menu")).backgroundColor,
  );
  assertEqual(background, "rgb(48, 65, 86)", "navigation background (Element Plus styles under the CSP)");
}

/** Opens 代表名册 from the navigation. */
async function openDeputies(browser) {
  await (await browser.$(byTestId("nav-deputies"))).click();
  await browser.waitUntil(async () => (await text(browser, "page-title")) === "代表名册", {
    timeout: WAIT_TIMEOUT,
    timeoutMsg: "clicking 代表名册 did not open its page",
  });
}

/**
 * Types `typed` into the deputies search and waits for a row named `name`; returns that cell. The rows are looked
 * up inside the page in one call per poll: the virtual table re-renders its rows as answers arrive, and reading
 * element references that went stale in between has crashed WebKitWebDriver.
 */
async function findDeputyRow(browser, typed, name) {
  await fill(browser, "deputy-search", typed);
  await browser.waitUntil(
    async () =>
      browser.execute(
        (wanted) =>
          [...document.querySelectorAll('[data-testid="deputy-row-name"]')].some((c) => c.textContent.trim() === wanted),
        name,
      ),
    { timeout: WAIT_TIMEOUT, interval: 100, timeoutMsg: `typing ${typed} did not list ${name}` },
  );
  return browser.$(`//*[@data-testid="deputy-row-name"][normalize-space()="${name}"]`);
}

/** Clicks a deputy's row and waits for the detail drawer to show that deputy, its opening transition over. */
async function openDeputyDetail(browser, row, name) {
  await row.click();
  await browser.waitUntil(
    async () => {
      const names = await browser.$$(byTestId("deputy-detail-name"));
      return names.length > 0 && (await names[0].isDisplayed()) && (await names[0].getText()).trim() === name;
    },
    { timeout: WAIT_TIMEOUT, interval: 200, timeoutMsg: `clicking ${name} did not open the detail drawer` },
  );
  await transitionsDone(browser);
}

/** Waits until no Vue enter transition is running (a drawer or dialog sliding in would spoil a screenshot). */
async function transitionsDone(browser) {
  await browser.waitUntil(
    async () => browser.execute(() => document.querySelector('[class*="-enter-active"], [class*="-enter-from"]') === null),
    { timeout: WAIT_TIMEOUT, interval: 100, timeoutMsg: "an opening transition never ended" },
  );
}

/**
 * Waits until a displayed element with this test id holds text that satisfies `check`; returns the text. Reads
 * textContent: WebKitWebDriver's element text is empty for some Element Plus tables.
 */
async function waitForText(browser, testId, check, what) {
  let last = "";
  await browser.waitUntil(
    async () => {
      // Read in the page, in one call: element references can go stale between two WebDriver calls.
      const texts = await browser.execute(
        (id) =>
          [...document.querySelectorAll(`[data-testid="${id}"]`)]
            .filter((e) => e.getClientRects().length > 0)
            .map((e) => e.textContent.replace(/\s+/g, " ").trim()),
        testId,
      );
      last = texts.find(check) ?? texts[0] ?? "";
      return texts.some(check);
    },
    { timeout: WAIT_TIMEOUT, interval: 150, timeoutMsg: `${what}: ${testId} says ${JSON.stringify(last)}` },
  );
  return last;
}

/**
 * Proportional memory (PSS, MiB) of the app started on `db` and of its WebKit helper processes (web content,
 * network), read from /proc: what the app really costs the machine, shared libraries counted once.
 */
function appMemoryMiB(db) {
  const children = new Map();
  const commands = new Map();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const parent = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
      children.set(parent, [...(children.get(parent) ?? []), pid]);
      commands.set(pid, readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"));
    } catch {
      // the process ended while we looked
    }
  }
  const app = [...commands].find(([, cmd]) => cmd[0].endsWith("liaison-desk") && cmd.includes(db))?.[0];
  if (!app) throw new Error(`no app process for ${db}`);
  const tree = [app];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]) ?? []));
  const each = tree.map((pid) => {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kib = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    return { process: basename(commands.get(pid)[0]), mib: Math.round(kib / 1024) };
  });
  return { mib: each.reduce((sum, p) => sum + p.mib, 0), processes: tree.length, each };
}

/**
 * Opens the Element Plus select with this test id and clicks the option reading `label` in the dropdown it opened
 * (the last one shown: an earlier select's dropdown may still be fading out), then waits for it to close.
 */
async function chooseOption(browser, testId, label) {
  await transitionsDone(browser);
  await (await browser.$(byTestId(testId))).click();
  await browser.waitUntil(
    async () =>
      browser.execute((wanted) => {
        const option = [...document.querySelectorAll(".el-select-dropdown__item")]
          .filter((o) => o.getClientRects().length > 0 && o.textContent.trim() === wanted)
          .pop();
        option?.click();
        return Boolean(option);
      }, label),
    { timeout: WAIT_TIMEOUT, interval: 150, timeoutMsg: `no option ${label} in ${testId}` },
  );
  await browser.waitUntil(
    async () => browser.execute(() => ![...document.querySelectorAll(".el-select__popper")].some((p) => p.getClientRects().length > 0 && getComputedStyle(p).display !== "none")),
    { timeout: WAIT_TIMEOUT, interval: 100, timeoutMsg: `the dropdown of ${testId} did not close` },
  );
}

/** When the first-responder scenario registers its visit (a Tuesday; the test clock's start). */
const REGISTERED_AT = "2026-12-01T09:30:00+08:00";

/** Opens the matter `code` in 意见建议, starts act `kind`, fills its dialog with `fill` and saves. */
async function act(browser, code, kind, fillDialog = async () => {}) {
  await waitForText(browser, "matter-table", (t) => t.includes(code), `${code} in the list`);
  await transitionsDone(browser);
  const shownCode = () =>
    browser.execute(() =>
      [...document.querySelectorAll('[data-testid="matter-code"]')]
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => e.textContent.trim())
        .join(""),
    );
  if ((await shownCode()) && !(await shownCode()).includes(code)) await closeMatterDrawer(browser); // it covers the list
  if (!(await shownCode()).includes(code)) {
    await (await browser.$(`//*[@data-testid="matter-table"]//td[.//text()[contains(., "${code}")]]`)).click();
    await waitForText(browser, "matter-code", (t) => t.includes(code), `the drawer of ${code}`);
    await transitionsDone(browser);
  }
  const before = await browser.execute(() => document.querySelectorAll('[data-testid="timeline-entry"]').length);
  await (await browser.$(byTestId(`matter-act-${kind}`))).click();
  await transitionsDone(browser);
  await fillDialog();
  await (await browser.$(byTestId("act-save"))).click();
  await browser.waitUntil(
    async () => browser.execute((n) => document.querySelectorAll('[data-testid="timeline-entry"]').length > n, before),
    { timeout: WAIT_TIMEOUT, interval: 150, timeoutMsg: `${kind} on ${code} never reached the timeline` },
  );
  await transitionsDone(browser);
}

/** Clicks `selector` once nothing covers it: a dialog still fading in (or a drawer fading out) takes the click. */
async function clickWhenFree(browser, selector) {
  await browser.waitUntil(
    async () => {
      try {
        await (await browser.$(selector)).click();
        return true;
      } catch (error) {
        if (/intercepted|not interactable/.test(String(error?.message))) return false;
        throw error;
      }
    },
    { timeout: WAIT_TIMEOUT, interval: 200, timeoutMsg: `${selector} stayed covered` },
  );
}

/** Waits until no Element Plus overlay (a drawer's or dialog's backdrop, possibly still fading out) is shown. */
async function overlaysGone(browser) {
  await browser.waitUntil(
    async () => browser.execute(() => ![...document.querySelectorAll(".el-overlay")].some((o) => o.getClientRects().length > 0 && getComputedStyle(o).display !== "none")),
    { timeout: WAIT_TIMEOUT, interval: 100, timeoutMsg: "an overlay stayed on the screen" },
  );
}

/** Closes the open matter drawer (Esc) and waits until it is gone: it covers the list and the menu. */
async function closeMatterDrawer(browser) {
  await browser.keys("Escape");
  await browser.waitUntil(
    async () => browser.execute(() => ![...document.querySelectorAll('[data-testid="matter-code"]')].some((e) => e.getClientRects().length > 0)),
    { timeout: WAIT_TIMEOUT, interval: 100, timeoutMsg: "the matter drawer did not close" },
  );
  await overlaysGone(browser);
}

/** Clicks the displayed element inside the test id's element whose text is exactly `label` (a radio, a tab). */
async function clickText(browser, testId, label) {
  await browser.waitUntil(
    async () =>
      browser.execute(
        (id, wanted) => {
          const scope = document.querySelector(`[data-testid="${id}"]`);
          const hit = [...(scope?.querySelectorAll("*") ?? [])]
            .filter((e) => e.getClientRects().length > 0 && e.children.length === 0 && e.textContent.trim() === wanted)
            .pop();
          hit?.click();
          return Boolean(hit);
        },
        testId,
        label,
      ),
    { timeout: WAIT_TIMEOUT, interval: 150, timeoutMsg: `no ${label} in ${testId}` },
  );
}

/** The name of the first file ending in `extension` that appears in `dir` (the save dialog's test seam). */
async function waitForFile(dir, extension) {
  let found;
  await new Promise((resolveWait, rejectWait) => {
    const started = Date.now();
    const poll = () => {
      found = readdirSync(dir).find((f) => f.endsWith(extension));
      if (found) resolveWait();
      else if (Date.now() - started > WAIT_TIMEOUT) rejectWait(new Error(`no ${extension} file in ${dir}`));
      else setTimeout(poll, 150);
    };
    poll();
  });
  return found;
}

/** Decodes a PNG's structure: the signature, the IHDR, the chunks up to IEND, and its image data inflated to
 *  the size the header promises (8-bit RGB or RGBA, one filter byte a row). Returns the width and height. */
function decodePng(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error("not a PNG: bad signature");
  let at = 8;
  let header;
  const data = [];
  for (;;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8], colour: body[9] };
    if (type === "IDAT") data.push(body);
    at += 12 + length;
    if (type === "IEND") break;
    if (at >= bytes.length) throw new Error("PNG without IEND");
  }
  if (!header || header.depth !== 8 || ![2, 6].includes(header.colour)) throw new Error(`PNG header ${JSON.stringify(header)}`);
  const pixels = inflateSync(Buffer.concat(data));
  const expected = header.height * (1 + header.width * (header.colour === 6 ? 4 : 3));
  assertEqual(pixels.length, expected, "the PNG's inflated image data");
  return header;
}

/** The demo city in station mode with the administrator, as the CLI prepares it. */
function demoCity(db, cli) {
  cli(db, ["demo", "--seed", "1", "--no-visits"]);
  cli(db, ["setup", "station", "--code", "XH-03"]);
  addAdmin(db, cli);
}

// --- scenarios --------------------------------------------------------------------------------------------
const scenarios = [
  {
    name: "a-shell-in-chinese",
    description: "after sign-in the window shows 联络站工作台, the ten navigation items in Chinese and the operator; a log file is written",
    prepare: (db, { cli }) => addAdmin(db, cli),
    async run(browser, { logFile }) {
      await browser.waitUntil(async () => (await browser.getTitle()).includes("联络站工作台"), {
        timeout: WAIT_TIMEOUT,
        timeoutMsg: "window title never showed 联络站工作台",
      });
      await signIn(browser);
      assertEqual(await text(browser, "app-name"), "联络站工作台", "app name in the header");
      for (const slot of ["station", "mode"]) {
        const value = await text(browser, `header-${slot}`);
        if (!value.includes("未设置")) throw new Error(`header ${slot} should say 未设置, says ${JSON.stringify(value)}`);
      }
      assertEqual((await text(browser, "header-operator")).replace(/\s+/g, ""), "操作员：王芳（管理员）", "header operator");
      await assertStyled(browser);

      await (await browser.$(byTestId("nav-stats"))).click();
      await browser.waitUntil(async () => (await text(browser, "page-title")) === "统计", {
        timeout: WAIT_TIMEOUT,
        timeoutMsg: "clicking 统计 did not open its page",
      });
      // An empty database: the city's board with nothing in it yet.
      await waitForText(browser, "stats-kpi-matters", (t) => t.includes("0件"), "the empty 统计 screen");
      await assertNoCspViolations(browser);
      await assertCspInForce(browser);
      // The log file a clerk can send to the office, in the app-data folder.
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
      if (!log.includes("数据库 database")) throw new Error(`no start-up line in the log file ${logFile}`);
    },
  },
  {
    name: "b-language-switch",
    description: "switching to English and back changes the labels",
    prepare: (db, { cli }) => addAdmin(db, cli),
    async run(browser) {
      await signIn(browser);
      await (await browser.$(byTestId("lang-en"))).click();
      await waitForNav(browser, EN_NAV);
      assertEqual(await text(browser, "app-name"), "Liaison Desk", "app name in English");
      assertEqual(await text(browser, "page-title"), "Dashboard", "page title in English");
      const lang = await browser.execute(() => document.documentElement.lang);
      assertEqual(lang, "en", "<html lang>");
      await screenshot(browser, "b-language-switch-english");

      await (await browser.$(byTestId("lang-zh-CN"))).click();
      await waitForNav(browser, ZH_NAV);
      assertEqual(await text(browser, "app-name"), "联络站工作台", "app name back in Chinese");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "c-language-remembered",
    description: "the language choice survives a restart of the app (which asks for the password again)",
    prepare: (db, { cli }) => addAdmin(db, cli),
    async run(first, { restart }) {
      await signIn(first);
      await (await first.$(byTestId("lang-en"))).click();
      await waitForNav(first, EN_NAV);

      const second = await restart();
      await second.waitUntil(async () => (await text(second, "sign-in")).includes("Sign in"), {
        timeout: WAIT_TIMEOUT,
        timeoutMsg: "the sign-in screen after the restart is not in English",
      });
      await signIn(second, EN_NAV);
      assertEqual(await text(second, "app-name"), "Liaison Desk", "app name after the restart");
      await assertNoCspViolations(second);
    },
  },
  {
    name: "d-header-from-setup",
    description:
      "a database set up as 光明路联络站 by the CLI: a wrong password is refused in Chinese, then the header shows station, mode and operator",
    prepare: (db, { cli }) => {
      cli(db, ["setup", "station", "--code", "XH-01", "--name", "光明路联络站"]);
      addAdmin(db, cli);
    },
    async run(browser) {
      // The webview profile is shared by the scenarios, so an earlier one may have left the UI in English.
      await (await browser.$(byTestId("lang-zh-CN"))).click();
      await browser.waitUntil(async () => (await text(browser, "sign-in")).includes("操作员登录"), {
        timeout: WAIT_TIMEOUT,
        timeoutMsg: "the sign-in screen is not in Chinese",
      });
      await fill(browser, "si-login", ADMIN.login);
      await fill(browser, "si-password", "wrong2026");
      await browser.keys("Enter");
      const refusal = await text(browser, "sign-in-error");
      if (!refusal.includes("用户名或密码错误")) throw new Error(`wrong password: ${JSON.stringify(refusal)}`);
      await screenshot(browser, "d-sign-in-refused");

      await signIn(browser);
      const expected = { station: "联络站：光明路联络站", mode: "模式：联络站模式", operator: "操作员：王芳（管理员）" };
      for (const [slot, want] of Object.entries(expected)) {
        let last = "";
        await browser.waitUntil(
          async () => {
            last = (await text(browser, `header-${slot}`)).replace(/\s+/g, "");
            return last === want;
          },
          { timeout: WAIT_TIMEOUT, interval: 200, timeoutMsg: `header ${slot} says ${JSON.stringify(last)}, not ${want}` },
        );
      }
      await screenshot(browser, "d-header-signed-in");

      // 退出登录: back to the sign-in screen, the login kept.
      await (await browser.$(byTestId("sign-out"))).click();
      await (await browser.$(byTestId("sign-in"))).waitForDisplayed({ timeout: WAIT_TIMEOUT });
      assertEqual(await (await browser.$(byTestId("si-login"))).getValue(), ADMIN.login, "login kept after 退出登录");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "e-first-run-station-with-demo",
    description: "first-run setup in station mode with the demo city: the admin lands in the app, the header shows station and operator",
    async run(browser, { cliJson }) {
      await (await browser.$(byTestId("lang-zh-CN"))).click();
      await browser.waitUntil(async () => (await text(browser, "first-run")).includes("首次设置"), {
        timeout: WAIT_TIMEOUT,
        timeoutMsg: "a fresh database did not show the first-run form",
      });
      // A mismatched repeat is caught in the form, in Chinese.
      await fill(browser, "fr-login", ADMIN.login);
      await fill(browser, "fr-name", ADMIN.name);
      await fill(browser, "fr-password", ADMIN.password);
      await fill(browser, "fr-password-again", "admin2027");
      await (await browser.$(byTestId("fr-submit"))).click();
      await browser.waitUntil(async () => (await text(browser, "first-run")).includes("两次输入的密码不一致"), {
        timeout: WAIT_TIMEOUT,
        timeoutMsg: "no 两次输入的密码不一致 for a mismatched repeat",
      });
      await fill(browser, "fr-password-again", ADMIN.password);
      await (await browser.$(byTestId("fr-mode-station"))).click();
      // XH-03 is a platform of the demo city: its name comes from the roster, which is loaded first.
      await fill(browser, "fr-station-code", "XH-03");
      await fill(browser, "fr-city", "平顶山市");
      await (await browser.$(byTestId("fr-load-demo"))).click();
      await browser.waitUntil(async () => (await browser.$(`${byTestId("fr-load-demo")} input`)).isSelected(), {
        timeout: WAIT_TIMEOUT,
        timeoutMsg: "the demo checkbox did not become checked",
      });
      await screenshot(browser, "e-first-run-form");
      const started = Date.now();
      await (await browser.$(byTestId("fr-submit"))).click();
      await browser.waitUntil(async () => (await browser.$$(byTestId("nav-dashboard"))).length > 0, {
        timeout: DEMO_TIMEOUT,
        interval: 500,
        timeoutMsg: `the first run (with the demo city) did not finish within ${DEMO_TIMEOUT / 1000} s`,
      });
      console.log(`     first run with the demo city: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await waitForNav(browser, ZH_NAV);
      const station = (await text(browser, "header-station")).replace(/\s+/g, "");
      if (!/^联络站：.+联络站$/.test(station) || station.includes("未设置")) {
        throw new Error(`header station says ${JSON.stringify(station)}, not the demo station XH-03`);
      }
      assertEqual((await text(browser, "header-mode")).replace(/\s+/g, ""), "模式：联络站模式", "header mode");
      assertEqual((await text(browser, "header-operator")).replace(/\s+/g, ""), "操作员：王芳（管理员）", "header operator");
      const stats = cliJson(["stats"]);
      if (!(stats.deputies_serving > 9000 && stats.platforms_open > 250)) {
        throw new Error(`the demo city is not in the database: ${stats.deputies_serving} deputies, ${stats.platforms_open} platforms`);
      }
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "f-idle-lock",
    description: "with a one-minute idle lock, a signed-in window left alone returns to the sign-in screen and says why",
    prepare: (db, { cli }) => {
      cli(db, ["setup", "office", "--city", "平顶山市", "--idle-lock-minutes", "1"]);
      addAdmin(db, cli);
    },
    async run(browser) {
      await (await browser.$(byTestId("lang-zh-CN"))).click();
      await signIn(browser);
      const started = Date.now();
      // Only polling from here on: WebDriver finds and reads cause no mouse or keyboard events in the page.
      await browser.waitUntil(async () => (await browser.$$(byTestId("sign-in-idle"))).length > 0, {
        timeout: 100_000,
        interval: 1_000,
        timeoutMsg: "the window did not lock within 100 s of inactivity (idle lock: 1 minute)",
      });
      const waited = (Date.now() - started) / 1000;
      if (waited < 55) throw new Error(`locked after ${waited.toFixed(1)} s, before the minute was up`);
      console.log(`     locked after ${waited.toFixed(1)} s without activity`);
      const notice = await text(browser, "sign-in-idle");
      if (!notice.includes("长时间未操作")) throw new Error(`idle notice says ${JSON.stringify(notice)}`);
      assertEqual(await (await browser.$(byTestId("si-login"))).getValue(), ADMIN.login, "login kept after the idle lock");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "g-deputy-search-by-initials",
    description: "on the demo city, 代表名册: typing zmx finds 张明新, and clicking the row opens the detail with a masked phone",
    prepare: (db, { cli }) => demoCity(db, cli),
    async run(browser) {
      await (await browser.$(byTestId("lang-zh-CN"))).click();
      await signIn(browser);
      await openDeputies(browser);
      const placeholder = await (await browser.$(byTestId("deputy-search"))).getAttribute("placeholder");
      assertEqual(placeholder, "姓名、拼音、首字母、编号或电话尾号", "search box placeholder");
      const started = Date.now();
      const row = await findDeputyRow(browser, "zmx", "张明新");
      console.log(`     zmx typed to 张明新 listed: ${((Date.now() - started) / 1000).toFixed(2)} s`);
      await openDeputyDetail(browser, row, "张明新");
      const phone = await text(browser, "deputy-detail-phone");
      if (!/^1\d{2}\*{4}\d{4}$/.test(phone)) throw new Error(`the drawer's phone is not masked: ${JSON.stringify(phone)}`);
      await screenshot(browser, "g-deputy-detail");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "h-invalid-phone",
    description: "editing 张明新 with a seven-digit mobile number: saving is refused and the Chinese reason stands under the field",
    prepare: (db, { cli }) => demoCity(db, cli),
    async run(browser, { cliJson }) {
      await signIn(browser);
      await openDeputies(browser);
      await openDeputyDetail(browser, await findDeputyRow(browser, "zmx", "张明新"), "张明新");
      const code = (await cliJson(["search", "zmx"]))[0].code;
      await (await browser.$(byTestId("deputy-edit"))).click();
      await fill(browser, "deputy-form-private-phone", "1381234");
      await (await browser.$(byTestId("deputy-save"))).click();
      const message = await waitForText(
        browser,
        "deputy-form-private-phone-item",
        (t) => t.includes("不是有效的手机号码"),
        "the phone field's error",
      );
      console.log(`     under the field: ${message}`);
      // Nothing was saved: the stored phone is still a full mobile number.
      const detail = await cliJson(["search", code]);
      if (!/^1\d{2}\*{4}\d{4}$/.test(detail[0].private_phone_masked)) {
        throw new Error(`the stored phone changed: ${JSON.stringify(detail[0])}`);
      }
      await screenshot(browser, "h-invalid-phone");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "i-import-bad-rows",
    description: "importing a roster XLSX with bad rows: the preview lists them with row number and reason, the good rows are imported",
    prepare: (db, { cli }) => demoCity(db, cli),
    async run(browser) {
      await signIn(browser);
      await openDeputies(browser);
      await (await browser.$(byTestId("roster-import"))).click();
      await fill(browser, "import-path", join(HERE, "fixtures", "roster-with-bad-rows.xlsx"));
      await (await browser.$(byTestId("import-preview"))).click();
      const rejected = await waitForText(browser, "import-rejected", (t) => t.includes("NOPE-99"), "rejected rows");
      for (const expected of ["3", "1370000", "4", "NOPE-99", "联络站"]) {
        if (!rejected.includes(expected)) throw new Error(`the rejected rows do not show ${expected}: ${rejected}`);
      }
      assertEqual((await text(browser, "import-count-created")).replace(/\s+/g, ""), "新增2条", "rows that would be created");
      assertEqual((await text(browser, "import-count-rejected")).replace(/\s+/g, ""), "拒绝2条", "rows rejected");
      await transitionsDone(browser);
      await screenshot(browser, "i-import-preview");
      await (await browser.$(byTestId("import-commit"))).click();
      await waitForText(browser, "import-result", (t) => t.length > 0, "the import result");
      await screenshot(browser, "i-import-result");
      await (await browser.$(byTestId("import-finish"))).click();
      // The dialog's closing overlay takes clicks until it is gone.
      await browser.waitUntil(async () => browser.execute(() => document.querySelector(".el-overlay-dialog") === null || getComputedStyle(document.querySelector(".el-overlay-dialog").parentElement).display === "none"), {
        timeout: WAIT_TIMEOUT,
        timeoutMsg: "the import dialog did not close",
      });
      await findDeputyRow(browser, "sunyuening", "孙悦宁");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "j-reveal-audited",
    description: "an administrator shows 张明新's mobile number after giving a reason; the reveal is in the audit log",
    prepare: (db, { cli }) => demoCity(db, cli),
    async run(browser, { auditCount }) {
      await signIn(browser);
      await openDeputies(browser);
      await openDeputyDetail(browser, await findDeputyRow(browser, "zmx", "张明新"), "张明新");
      const before = auditCount();
      await (await browser.$(byTestId("deputy-reveal"))).click();
      await fill(browser, "reveal-reason", "回访核实联系方式");
      await (await browser.$(byTestId("reveal-confirm"))).click();
      const phone = await waitForText(browser, "deputy-detail-phone", (t) => /^1\d{10}$/.test(t), "the unmasked phone");
      await waitForText(browser, "deputy-revealed-note", (t) => t.length > 0, "the note that the reveal is recorded");
      assertEqual(auditCount() - before, 1, "audit records written by the reveal");
      console.log(`     revealed ${phone.slice(0, 3)}…, audited`);
      await screenshot(browser, "j-reveal-audited");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "l-stations-and-settings",
    description: "联络站 lists the demo platforms and opens one (Esc closes it); 设置 saves a new idle lock that the CLI then reads",
    prepare: (db, { cli }) => demoCity(db, cli),
    async run(browser, { cliJson }) {
      await signIn(browser);
      await (await browser.$(byTestId("nav-stations"))).click();
      const count = await waitForText(browser, "station-count", (t) => /\d{3}/.test(t), "the platform count");
      console.log(`     ${count}`);
      // A cell, not the <tr>: WebKitWebDriver reports table rows as not interactable.
      const firstRow = await browser.$(`${byTestId("station-table")} .el-table__row td.el-table__cell`);
      await firstRow.waitForDisplayed({ timeout: WAIT_TIMEOUT });
      await firstRow.click();
      await waitForText(browser, "station-detail-name", (t) => t.length > 0, "the platform drawer");
      await transitionsDone(browser);
      await screenshot(browser, "l-station-drawer");
      await browser.keys("Escape");
      await browser.waitUntil(
        async () => browser.execute(() => [...document.querySelectorAll('[data-testid="station-detail-name"]')].every((e) => e.getClientRects().length === 0)),
        { timeout: WAIT_TIMEOUT, interval: 100, timeoutMsg: "Esc did not close the platform drawer" },
      );
      await overlaysGone(browser); // the drawer's fading overlay would take the next click

      await (await browser.$(byTestId("nav-settings"))).click();
      const minutes = await browser.$(`${byTestId("settings-idle-minutes")} input`);
      await minutes.waitForDisplayed({ timeout: WAIT_TIMEOUT });
      await minutes.click();
      await browser.keys(["Control", "a"]);
      await browser.keys("Backspace");
      await minutes.addValue("15");
      await (await browser.$(byTestId("settings-setup-save"))).click();
      await browser.waitUntil(async () => (await cliJson(["setup", "show"]))?.idle_lock_minutes === 15, {
        timeout: WAIT_TIMEOUT,
        interval: 200,
        timeoutMsg: "the idle lock was not saved as 15 minutes",
      });
      await screenshot(browser, "l-settings");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "m-first-responder-loop",
    description:
      "接待登记 of two matters; one answered on the spot, one assigned; the test clock passes its deadline and 工作台 " +
      "shows both escalated; feedback and 不满意 reopen it; the ledger exported and read back with a spreadsheet reader",
    prepare: (db, { cli, setClock }) => {
      setClock(REGISTERED_AT); // before the CLI writes anything: every stamp of the scenario is on the test clock
      demoCity(db, cli);
      cli(db, ["unit", "add", "--code", "ZJJ", "--name", "住建局", "--kind", "部门"]);
    },
    async run(browser, { cliJson, setClock, savedDir }) {
      await signIn(browser);
      await (await browser.$(byTestId("nav-visits"))).click();
      await fill(browser, "visit-citizen-name-0", "李秀英");
      await fill(browser, "visit-citizen-phone-0", "13912345678");
      await (await browser.$(byTestId("visit-add-matter"))).click();
      for (const [i, title, category] of [
        [0, "路灯不亮", "城乡建设"],
        [1, "夜间施工噪音", "生态环境"],
      ]) {
        await fill(browser, `visit-matter-title-${i}`, title);
        await chooseOption(browser, `visit-matter-category-${i}`, category);
        await fill(browser, `visit-matter-responder-${i}`, "张明新");
        await browser.keys("Escape"); // close the responder suggestions
      }
      // The category's suggested route and its deadlines, before anything is saved (2026-12-01 + 15 working days).
      await waitForText(browser, "visit-matter-preview-1", (t) => t.includes("交办") && t.includes("12月22日"), "the preview");
      await (await browser.$(byTestId("visit-save"))).click();
      const registered = await waitForText(browser, "visit-registered", (t) => /XH-03-20261201-02/.test(t), "registered codes");
      const [onSpot, assigned] = ["XH-03-20261201-01", "XH-03-20261201-02"];
      console.log(`     registered ${registered.match(/XH-03-\d{8}-\d{2}/g).join(", ")}`);

      await (await browser.$(byTestId("nav-matters"))).click();
      await act(browser, onSpot, "answered_on_spot", async () => fill(browser, "act-answer", "已联系路灯管理所，三日内修复"));
      await act(browser, assigned, "routed_for_assignment");
      await act(browser, assigned, "assigned", async () => chooseOption(browser, "act-lead", "住建局"));
      assertEqual((await cliJson(["matter", "show", assigned])).state, "assigned", "the assigned matter's state");

      // Four weeks later: the assignment (due 12-22) is 7 working days late (county level), the on-spot answer's
      // feedback (due 12-08) 17 (city level). The home screen counts them by level.
      setClock("2026-12-31T10:00:00+08:00");
      await closeMatterDrawer(browser);
      await (await browser.$(byTestId("nav-dashboard"))).click();
      await (await browser.$(byTestId("dash-refresh"))).click();
      await waitForText(browser, "dash-count-overdue", (t) => t === "2", "overdue matters on the home screen");
      await waitForText(browser, "dash-count-overdue-county", (t) => t === "1", "overdue at the county level");
      await waitForText(browser, "dash-count-overdue-city", (t) => t === "1", "overdue at the city level");
      await screenshot(browser, "m-dashboard-escalated");

      // The unit's late reply and 办结, typed in from its letter (CLI); then the station tells the citizen, who is
      // not satisfied: the matter reopens for re-handling with its own deadline.
      const cli = (args) => cliJson(["matter", "act", assigned, ...args]);
      cli(["accept"]);
      cli(["reply", "--text", "已责令施工单位夜间停工"]);
      cli(["finish", "--summary", "施工单位已整改"]);
      await (await browser.$(byTestId("nav-matters"))).click();
      await act(browser, assigned, "fed_back", async () => fill(browser, "act-how", "电话"));
      await act(browser, assigned, "rated", async () => {
        await clickText(browser, "act-rating", "不满意");
        await fill(browser, "act-reason", "夜间仍有施工");
      });
      await waitForText(browser, "matter-state", (t) => t.includes("重新办理"), "the reopened state");
      assertEqual((await cliJson(["matter", "show", assigned])).state, "rehandling", "the rated matter's state");
      await closeMatterDrawer(browser);

      // 意见建议办理台账 of 2026, saved where the (test) save dialog answers, read back with read-excel-file.
      await (await browser.$(byTestId("ledger-export-open"))).click();
      await transitionsDone(browser);
      await (await browser.$(byTestId("ledger-period-kind-year"))).click();
      await chooseOption(browser, "ledger-period-year", "2026年");
      await (await browser.$(byTestId("ledger-export-save"))).click();
      const saved = await waitForText(browser, "ledger-export-result", (t) => t.includes(".xlsx"), "the exported ledger");
      const file = readdirSync(savedDir).find((f) => f.endsWith(".xlsx"));
      if (!file || !saved.includes(file)) throw new Error(`no ledger in ${savedDir} (page says ${saved})`);
      const [{ data: rows }] = await readXlsxFile(join(savedDir, file)); // the first (only) sheet
      const cells = rows.map((r) => r.map((c) => String(c ?? "")));
      if (!cells[0].join("").includes("意见建议办理台账")) throw new Error(`title row: ${cells[0].join("|")}`);
      const row = cells.find((r) => r.includes(assigned));
      if (!row) throw new Error(`${assigned} is not in the ledger: ${JSON.stringify(cells.slice(0, 4))}`);
      if (!row.some((c) => c.includes("重新办理"))) throw new Error(`its row does not say 重新办理: ${row.join("|")}`);
      if (cells.flat().some((c) => c.includes("13912345678"))) throw new Error("the citizen's phone is in the ledger");
      console.log(`     ledger ${file}: ${rows.length} rows`);
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "n-print-deputy-card",
    description:
      "代表名册 → 张明新 → 二维码: 打印代表卡 writes a PDF with his name and a code zbarimg reads back; 二维码 previews a card and prints the station's A4 sheet as a background job",
    prepare: (db, { cli }) => demoCity(db, cli),
    async run(browser, { savedDir }) {
      await signIn(browser);
      await openDeputies(browser);
      const row = await findDeputyRow(browser, "zmx", "张明新");
      await openDeputyDetail(browser, row, "张明新");
      await (await browser.$(byTestId("deputy-tab-qr"))).click();
      const payload = await waitForText(browser, "qr-payload", (t) => t.startsWith("http"), "the code's URL");
      await transitionsDone(browser);
      await (await browser.$(byTestId("qr-print"))).click();
      // A debug build scans the system's fonts and lays the PDF out in a few seconds: wait longer than for a screen.
      await browser.waitUntil(
        async () => browser.execute(() => (document.querySelector('[data-testid="qr-printed"]')?.textContent ?? "").includes(".pdf")),
        { timeout: 3 * WAIT_TIMEOUT, interval: 250, timeoutMsg: "the card was not printed" },
      );
      const printed = await text(browser, "qr-printed");
      const file = readdirSync(savedDir).find((f) => f.endsWith(".pdf"));
      if (!file || !printed.includes(file)) throw new Error(`no card in ${savedDir} (page says ${printed})`);
      const pdf = join(savedDir, file);
      const words = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
      if (words.status !== 0 || !words.stdout.includes("张明新")) throw new Error(`pdftotext: ${words.stderr || words.stdout}`);
      const page = join(savedDir, "page");
      const raster = spawnSync("pdftoppm", ["-r", "300", "-png", "-f", "1", "-l", "1", pdf, page], { encoding: "utf8" });
      if (raster.status !== 0) throw new Error(`pdftoppm: ${raster.stderr}`);
      const png = readdirSync(savedDir).find((f) => f.startsWith("page") && f.endsWith(".png"));
      const decoded = spawnSync("zbarimg", ["--raw", "-q", join(savedDir, png)], { encoding: "utf8" });
      assertEqual(decoded.stdout.trim(), payload, "the code on the printed card (zbarimg)");
      console.log(`     ${file}: ${payload}`);
      await screenshot(browser, "n-deputy-qr");

      // 二维码: the station's A4 sheet of cards; its first page's codes read back with zbarimg.
      await browser.keys("Escape");
      await overlaysGone(browser);
      await (await browser.$(byTestId("nav-qrcodes"))).click();
      await waitForText(browser, "qrcodes-summary", (t) => /共 \d+ 名代表/.test(t), "the number of deputies selected");
      await (await browser.$(byTestId("qrcodes-print-sheet"))).click();
      // A background job: the bar runs, then the job names the file it wrote.
      await browser.waitUntil(
        async () => browser.execute(() => (document.querySelector('[data-testid="print-job-done"]')?.textContent ?? "").includes(".pdf")),
        { timeout: 3 * WAIT_TIMEOUT, interval: 250, timeoutMsg: "the sheet job did not finish" },
      );
      const sheetShown = await text(browser, "print-job-done");
      const sheet = readdirSync(savedDir).find((f) => f.startsWith("代表联系卡") && f.endsWith(".pdf"));
      if (!sheet || !sheetShown.includes(sheet)) throw new Error(`no sheet in ${savedDir} (page says ${sheetShown})`);
      if (readdirSync(savedDir).some((f) => f.endsWith(".part"))) throw new Error("the job left its temporary file");
      const sheetPage = join(savedDir, "sheet");
      const sheetRaster = spawnSync("pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", join(savedDir, sheet), sheetPage]);
      if (sheetRaster.status !== 0) throw new Error(`pdftoppm: ${sheetRaster.stderr}`);
      const sheetPng = readdirSync(savedDir).find((f) => f.startsWith("sheet") && f.endsWith(".png"));
      const codes = spawnSync("zbarimg", ["--raw", "-q", join(savedDir, sheetPng)], { encoding: "utf8" }).stdout.trim().split("\n");
      if (codes.length < 2 || !codes.every((c) => c.startsWith("https://"))) throw new Error(`codes on the sheet: ${codes}`);
      console.log(`     ${sheet}: ${codes.length} codes read on page 1`);
      await screenshot(browser, "n-qrcodes");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "o-sync-station-office",
    description:
      "同步 as a station: the office's enrollment file imported in the window, 导出给机关, the office's return (the roster) " +
      "imported; a visit registered and exported again; the office (CLI) imports it, assigns the matter and records " +
      "the unit's reply; the station imports the return and records the feedback on that reply in the window",
    prepare: (db, { cli, openDir }) => {
      const office = `${db}.office.db`;
      cli(office, ["demo", "--seed", "1", "--no-visits"]);
      cli(office, ["setup", "office", "--city", "平顶山市"]);
      addAdmin(office, cli);
      cli(office, ["unit", "add", "--code", "ZJJ", "--name", "住建局", "--kind", "部门"]);
      cli(office, ["sync", "enroll", "--station", "XH-03", "--out", join(openDir, "XH-03.lze"), "--as", ADMIN.login], {
        LIAISON_AS_PASSWORD: ADMIN.password,
      });
      cli(db, ["setup", "station", "--code", "XH-03"]);
      addAdmin(db, cli);
    },
    async run(browser, { cli, db, savedDir, openDir }) {
      const office = `${db}.office.db`;
      const [inbox, archive, outbox] = ["inbox", "archive", "outbox"].map((d) => join(dirname(db), `o-${d}`));
      for (const dir of [inbox, archive, outbox]) mkdirSync(dir, { recursive: true });
      /** The office's nightly job: every bundle the station wrote goes through its inbox; the return is handed back. */
      const exported = join(savedDir, "导出"); // where the (test) folder dialog answers for 导出给机关
      const officeRound = () => {
        for (const f of readdirSync(exported).filter((f) => f.endsWith(".lzb"))) {
          copyFileSync(join(exported, f), join(inbox, f));
          rmSync(join(exported, f));
        }
        cli(office, ["sync", "inbox", "--inbox", inbox, "--archive", archive, "--outbox", outbox]);
        const back = readdirSync(outbox).filter((f) => f.endsWith(".lzb"));
        if (back.length !== 1) throw new Error(`expected one return bundle, got ${back.join(", ")}`);
        renameSync(join(outbox, back[0]), join(openDir, back[0])); // the newest .lzb there is what the open dialog answers
        return back[0];
      };
      const exportToOffice = async (bundle) => {
        await (await browser.$(byTestId("sync-export"))).click();
        return waitForText(browser, "sync-export-result", (t) => t.includes(`第 ${bundle} 号数据包`) && t.includes(".lzb"), `bundle ${bundle} exported`);
      };
      const importFromOffice = async (bundle) => {
        await (await browser.$(byTestId("sync-import"))).click();
        return waitForText(browser, "sync-import-result", (t) => t.includes(`已导入第 ${bundle} 号数据包`), `office bundle ${bundle} imported`);
      };

      await signIn(browser);
      await (await browser.$(byTestId("nav-sync"))).click();
      await waitForText(browser, "sync-not-enrolled", (t) => t.includes("尚未登记到机关"), "the not-enrolled notice");
      await (await browser.$(byTestId("sync-accept-enrollment"))).click();
      console.log(`     ${await exportToOffice(1)}`);
      officeRound();
      const roster = await importFromOffice(1);
      console.log(`     ${roster}`);

      // A visit at the station, with the roster the office sent (its station XH-03 exists now).
      await (await browser.$(byTestId("nav-visits"))).click();
      await fill(browser, "visit-citizen-name-0", "李秀英");
      await fill(browser, "visit-citizen-phone-0", "13912345678");
      await fill(browser, "visit-matter-title-0", "路灯不亮");
      await chooseOption(browser, "visit-matter-category-0", "城乡建设");
      await fill(browser, "visit-matter-responder-0", "张明新");
      await browser.keys("Escape");
      await (await browser.$(byTestId("visit-save"))).click();
      const registered = await waitForText(browser, "visit-registered", (t) => /XH-03-\d{8}-01/.test(t), "the registered matter");
      const matter = registered.match(/XH-03-\d{8}-01/)[0];

      await (await browser.$(byTestId("nav-sync"))).click();
      const second = await exportToOffice(2);
      if (/包含 0 条变更/.test(second)) throw new Error(`the visit was not exported: ${second}`);
      console.log(`     ${second}`);
      officeRound(); // the office imports bundle 2 and returns its acknowledgement
      await importFromOffice(2);
      await waitForText(browser, "sync-acked", (t) => t.includes("已确认至本站第"), "the office's acknowledgement");
      // The office assigns the matter to 住建局 and records the unit's acknowledgement, reply and 办结 (typed in from
      // its letter); its next bundle carries the events down.
      cli(office, ["matter", "act", matter, "route", "--to", "assign"]);
      cli(office, ["matter", "act", matter, "assign", "--lead", "ZJJ"]);
      cli(office, ["matter", "act", matter, "accept"]);
      cli(office, ["matter", "act", matter, "reply", "--text", "已更换路灯灯具，恢复照明"]);
      cli(office, ["matter", "act", matter, "finish", "--summary", "路灯已修复"]);
      cli(office, ["sync", "export", "--to", runCliJsonAt(db, ["sync", "status"]).node_id, "--out", outbox]);
      const back = readdirSync(outbox).filter((f) => f.endsWith(".lzb"));
      renameSync(join(outbox, back[0]), join(openDir, back[0]));
      await importFromOffice(3);
      const history = await waitForText(browser, "sync-history-table", (t) => (t.match(/机关/g) ?? []).length >= 3, "three office bundles in the history");
      console.log(`     history: ${history.replace(/\s+/g, " ").slice(0, 160)}…`);
      await screenshot(browser, "o-sync-history");
      // The station sees the reply and tells the citizen: 反馈 recorded in the window.
      await (await browser.$(byTestId("nav-matters"))).click();
      await act(browser, matter, "fed_back", async () => fill(browser, "act-how", "电话"));
      const timeline = await text(browser, "matter-timeline");
      if (!timeline.includes("已更换路灯灯具")) throw new Error(`the office's reply is not in the timeline: ${timeline.slice(0, 200)}`);
      assertEqual(runCliJsonAt(db, ["matter", "show", matter]).state, "fed_back", "the station's matter after its feedback");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "p-sync-office-inbox",
    description:
      "同步 as the office: 登记联络站 writes the enrollment file, the station (CLI) joins and drops its bundle and a " +
      "broken file into the inbox; 全部导入 lists each file's result, pins the station and writes its return",
    prepare: (db, { cli }) => {
      cli(db, ["demo", "--seed", "1", "--no-visits"]);
      cli(db, ["setup", "office", "--city", "平顶山市"]);
      addAdmin(db, cli);
      const station = `${db}.station.db`;
      cli(station, ["setup", "station", "--code", "XH-03"]);
      addAdmin(station, cli);
    },
    async run(browser, { cli, db, savedDir }) {
      const station = `${db}.station.db`;
      const asAdmin = { LIAISON_AS_PASSWORD: ADMIN.password };
      await signIn(browser);
      await (await browser.$(byTestId("nav-sync"))).click();
      await fill(browser, "sync-enroll-code", "XH-03");
      await (await browser.$(byTestId("sync-enroll"))).click();
      const enrolled = await waitForText(browser, "sync-enrolled-file", (t) => t.includes(".lze"), "the enrollment file");
      const lze = join(savedDir, "XH-03-登记文件.lze");
      if (!existsSync(lze) || !enrolled.includes(lze)) throw new Error(`no enrollment file at ${lze} (page says ${enrolled})`);
      await waitForText(browser, "sync-peers", (t) => t.includes("XH-03") && t.includes("待首次同步"), "the pending station");

      // The three folders (the test folder dialog answers <saved>/收件箱, 归档, 发件箱).
      for (const kind of ["inbox", "archive", "outbox"]) {
        await (await browser.$(byTestId(`sync-choose-${kind}`))).click();
      }
      await waitForText(browser, "sync-folder-outbox", (t) => t.includes("发件箱") && t.includes(savedDir), "the remembered outbox");

      // The station joins and exports into the inbox; a broken file arrives too.
      cli(station, ["sync", "join", lze, "--as", ADMIN.login], asAdmin);
      cli(station, ["sync", "export", "--out", join(savedDir, "收件箱")]);
      writeFileSync(join(savedDir, "收件箱", "坏文件.lzb"), "not a bundle");
      await (await browser.$(byTestId("sync-inbox-run"))).click();
      const files = await waitForText(browser, "sync-inbox-files", (t) => t.includes("成功") && t.includes("未通过验证"), "the per-file results");
      console.log(`     ${files.slice(0, 160)}…`);
      const returns = await waitForText(browser, "sync-inbox-returns", (t) => t.includes("XH-03") && t.includes(".lzb"), "the return bundle");
      console.log(`     ${returns}`);
      await waitForText(browser, "sync-peers", (t) => t.includes("已登记"), "the station pinned");
      if (readdirSync(join(savedDir, "收件箱")).length !== 0) throw new Error("the inbox is not empty after 全部导入");
      const back = readdirSync(join(savedDir, "发件箱")).filter((f) => f.endsWith(".lzb"));
      cli(station, ["sync", "import", join(savedDir, "发件箱", back[0])]);
      await screenshot(browser, "p-sync-office");
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "k-start-figures",
    description: "figures, not checks: launch to the sign-in screen, sign-in to the first roster rows, memory with the demo city",
    prepare: (db, { cli }) => demoCity(db, cli),
    async run(browser, { openedAt, db }) {
      await (await browser.$(byTestId("si-login"))).waitForDisplayed({ timeout: WAIT_TIMEOUT });
      const launch = (Date.now() - openedAt) / 1000;
      const signInStarted = Date.now();
      await signIn(browser);
      const openStarted = Date.now();
      await openDeputies(browser);
      await browser.waitUntil(
        async () => browser.execute(() => document.querySelectorAll('[data-testid="deputy-row-name"]').length > 0),
        { timeout: WAIT_TIMEOUT, interval: 50, timeoutMsg: "the roster never showed rows" },
      );
      const roster = (Date.now() - signInStarted) / 1000;
      const rosterOpen = (Date.now() - openStarted) / 1000;
      const memory = appMemoryMiB(db);
      const figures = {
        binary: basename(dirname(appBinary())),
        launch_to_sign_in_s: launch,
        sign_in_to_roster_rows_s: roster,
        menu_click_to_roster_rows_s: rosterOpen,
        memory_pss_mib: Math.round(memory.mib),
        memory_by_process: memory.each,
      };
      writeFileSync(join(ARTIFACTS, "start-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
      console.log(
        `     ${figures.binary}: launch → sign-in screen ${launch.toFixed(2)} s; sign-in → roster rows ` +
          `${roster.toFixed(2)} s (typing included; 代表名册 click → rows ${rosterOpen.toFixed(2)} s); memory ` +
          `${figures.memory_pss_mib} MiB PSS (${memory.each.map((p) => `${p.process} ${p.mib}`).join(", ")})`,
      );
      await screenshot(browser, "k-roster");
    },
  },
  {
    name: "s-stats-export",
    description:
      "统计 on the demo city-year (office): KPI cards and a chart's table with numbers; 导出图片 writes a PNG that decodes, 导出数据 an XLSX with the table",
    prepare: (db, { cli }) => {
      cli(db, ["demo", "--seed", "1"]);
      cli(db, ["setup", "office", "--city", "平顶山市"]);
      addAdmin(db, cli);
    },
    async run(browser, { savedDir }) {
      await signIn(browser);
      await (await browser.$(byTestId("nav-stats"))).click();
      // The demo city: 52 + 10 star stations, every serving deputy in a station group.
      await waitForText(browser, "stats-kpi-stars", (t) => t.includes("62"), "the star stations card");
      await waitForText(browser, "stats-kpi-assignment", (t) => t.includes("100.0%"), "the 编组进站 card");
      await waitForText(browser, "stats-table-month", (t) => /20\d\d-\d\d/.test(t), "matters by month");
      const months = (
        await browser.execute((id) => {
          const rows = document.querySelectorAll(`[data-testid="${id}"] .el-table__body tr`);
          return [...rows].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim()));
        }, "stats-table-month")
      ).map(([month, n]) => [month, Number(n)]);
      if (months.length < 12 || !months.some(([, n]) => n > 0)) throw new Error(`the month table: ${JSON.stringify(months)}`);
      await screenshot(browser, "s-stats");

      // 导出图片: a real PNG, decoded here (signature, IHDR, every chunk's data inflated), at twice the pixels.
      await (await browser.$(byTestId("stats-export-image-month"))).click();
      const png = await waitForFile(savedDir, ".png");
      const bytes = readFileSync(join(savedDir, png));
      const size = decodePng(bytes);
      if (size.width < 600 || size.height < 400) throw new Error(`the chart picture is ${size.width}×${size.height}`);
      if (!png.startsWith("全市受理事项月度趋势")) throw new Error(`picture file name ${png}`);

      // 导出数据: the table as shown, under its title.
      await (await browser.$(byTestId("stats-export-data-month"))).click();
      const xlsx = await waitForFile(savedDir, ".xlsx");
      const [{ data: rows }] = await readXlsxFile(join(savedDir, xlsx));
      const cells = rows.map((r) => r.map((c) => String(c ?? "")));
      if (!cells[0].join("").includes("受理事项月度趋势")) throw new Error(`title row: ${cells[0].join("|")}`);
      assertEqual(cells[1], ["月份", "受理事项（件）"], "the header row");
      const written = cells.slice(2).map((r) => [r[0], Number(r[1])]);
      assertEqual(written, months, "the exported rows against the table on screen");
      console.log(`     ${png}: ${size.width}×${size.height}; ${xlsx}: ${written.length} months`);
      await assertNoCspViolations(browser);
    },
  },
  {
    name: "t-office-dispatch",
    description:
      "the office's closed loop: 全部导入 of two stations' bundles, 研判并案 of their similar matters, 交办 to 住建局, " +
      "打印交办单 (PDF read back, no personal data), a late 答复, the unit's rank falling on 承办单位测评, a chart exported",
    prepare: (db, { cli, setClock, openDir }) => {
      setClock(REGISTERED_AT);
      const asAdmin = { LIAISON_AS_PASSWORD: ADMIN.password };
      cli(db, ["demo", "--seed", "1", "--no-visits"]);
      cli(db, ["setup", "office", "--city", "平顶山市"]);
      addAdmin(db, cli);
      cli(db, ["unit", "add", "--code", "ZJJ", "--name", "住建局", "--kind", "部门"]);
      cli(db, ["unit", "add", "--code", "JTJ", "--name", "交通运输局", "--kind", "部门"]);
      // The office's own earlier work (typed in from calls to the office, its B-series codes): 住建局 answered one
      // matter to the citizen's satisfaction, 交通运输局 two, one of them not: 住建局 ranks first, 交通运输局 second.
      cli(db, ["visit", "add", "--station", "XH-01", "--channel", "来电", "--citizen", "赵丽", "--phone", "13700002222", "--first-responder", ADMIN.name,
        "--matter", "公交站牌缺失|建设路口公交站牌被撞坏|交通出行|建设路",
        "--matter", "小区门前积水|雨后小区门前积水严重|城乡建设|光明路",
        "--matter", "公交车辆间隔过长|3路公交高峰间隔过长|交通出行|中兴路"]);
      const done = (code, unit, rating) => {
        const act = (...args) => cli(db, ["matter", "act", code, ...args]);
        act("route", "--to", "assign");
        act("assign", "--lead", unit);
        act("accept");
        act("reply", "--text", "已按群众诉求办理完毕");
        act("finish", "--summary", "已办结");
        act("feedback", "--how", "电话");
        act("rate", "--rating", rating, ...(rating === "不满意" ? ["--reason", "问题仍未解决"] : []));
      };
      done("XH-01-20261201-B01", "JTJ", "满意");
      done("XH-01-20261201-B02", "ZJJ", "满意");
      done("XH-01-20261201-B03", "JTJ", "不满意");
      // Two stations enrolled; each gets the roster back and registers a visit about the same broken street lights.
      const visits = {
        "XH-01": ["李秀英", "13912345678", "南环路路灯不亮|南环路东段路灯坏了一个多月，夜里行人看不清路|城乡建设|南环路"],
        "XH-02": ["王建国", "13800001111", "南环路东段路灯不亮|南环路东段多盏路灯一个多月不亮，夜里行人看不清路|城乡建设|南环路"],
      };
      for (const [code, [name, phone, matter]] of Object.entries(visits)) {
        const station = `${db}.${code}.db`;
        const lze = join(openDir, `${code}.lze`);
        const wire = join(openDir, code);
        mkdirSync(wire, { recursive: true });
        cli(station, ["setup", "station", "--code", code]);
        addAdmin(station, cli);
        cli(db, ["sync", "enroll", "--station", code, "--out", lze, "--as", ADMIN.login], asAdmin);
        cli(station, ["sync", "join", lze, "--as", ADMIN.login], asAdmin);
        cli(station, ["sync", "export", "--out", wire]);
        cli(db, ["sync", "import", join(wire, readdirSync(wire)[0])]);
        rmSync(wire, { recursive: true });
        mkdirSync(wire);
        cli(db, ["sync", "export", "--to", runCliJsonAt(station, ["sync", "status"]).node_id, "--out", wire]);
        cli(station, ["sync", "import", join(wire, readdirSync(wire)[0])]);
        rmSync(wire, { recursive: true });
        cli(station, ["visit", "add", "--station", code, "--citizen", name, "--phone", phone, "--matter", matter, "--first-responder", ADMIN.name]);
      }
    },
    async run(browser, { cli, cliJson, db, savedDir, setClock }) {
      const [lead, other] = ["XH-01-20261201-01", "XH-02-20261201-01"];
      const inbox = join(savedDir, "收件箱");
      mkdirSync(inbox, { recursive: true });
      for (const code of ["XH-01", "XH-02"]) cli(`${db}.${code}.db`, ["sync", "export", "--out", inbox]);

      await signIn(browser);
      await (await browser.$(byTestId("nav-sync"))).click();
      for (const kind of ["inbox", "archive", "outbox"]) {
        await (await browser.$(byTestId(`sync-choose-${kind}`))).click();
      }
      await waitForText(browser, "sync-folder-outbox", (t) => t.includes("发件箱"), "the remembered outbox");
      await (await browser.$(byTestId("sync-inbox-run"))).click();
      const files = await waitForText(browser, "sync-inbox-files", (t) => (t.match(/成功/g) ?? []).length >= 2, "both stations' bundles");
      console.log(`     ${files.replace(/\s+/g, " ").slice(0, 140)}…`);

      // 研判并案: the two stations' matters are one group, with its reason; merged into the earlier one.
      await (await browser.$(byTestId("nav-matters"))).click();
      await waitForText(browser, "matter-table", (t) => t.includes(lead) && t.includes(other), "both stations' matters");
      await (await browser.$(byTestId("matter-similar-open"))).click();
      const why = await waitForText(browser, "similar-reason-0", (t) => t.includes("文字相似度"), "the group's reason");
      console.log(`     ${why}`);
      await transitionsDone(browser);
      await clickWhenFree(browser, byTestId("similar-merge-0"));
      await transitionsDone(browser);
      await clickWhenFree(browser, ".el-message-box__btns .el-button--primary");
      await browser.waitUntil(async () => (await cliJson(["matter", "show", other])).state === "merged", {
        timeout: WAIT_TIMEOUT,
        interval: 200,
        timeoutMsg: `${other} was not merged into ${lead}`,
      });
      await browser.keys("Escape");
      await overlaysGone(browser);

      // 交办 to 住建局 in the window, and its 交办单 printed.
      await act(browser, lead, "routed_for_assignment");
      await act(browser, lead, "assigned", async () => chooseOption(browser, "act-lead", "住建局"));
      await closeMatterDrawer(browser);
      await clickWhenFree(browser, byTestId("dispatch-sheet-open"));
      await chooseOption(browser, "dispatch-sheet-unit", "住建局（ZJJ）");
      await clickWhenFree(browser, byTestId("dispatch-sheet-print"));
      const pdf = join(savedDir, await waitForFile(savedDir, ".pdf"));
      const sheet = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
      if (sheet.status !== 0 || !sheet.stdout.includes(lead) || !sheet.stdout.includes("住建局")) {
        throw new Error(`the 交办单 does not list ${lead}: ${sheet.stderr || sheet.stdout.slice(0, 300)}`);
      }
      for (const personal of ["李秀英", "王建国", "13912345678", "13800001111"]) {
        if (sheet.stdout.includes(personal)) throw new Error(`the 交办单 shows ${personal}`);
      }

      // 承办单位测评 for 2026: 住建局 first.
      const rankOf = async (unit, wanted) => {
        await clickWhenFree(browser, byTestId("nav-stats")); // a drawer or a message fading out may cover it
        await chooseOption(browser, "stats-period-year", "2026年");
        return waitForText(browser, `ranking-rank-${unit}`, (t) => t === wanted, `${unit} ranked ${wanted}`);
      };
      await rankOf("ZJJ", "1");

      // Four weeks later the unit's reply arrives (late); the citizen is told and is not satisfied.
      cli(db, ["matter", "act", lead, "accept"]);
      setClock("2026-12-29T10:00:00+08:00");
      await clickWhenFree(browser, byTestId("nav-matters"));
      await act(browser, lead, "replied", async () => fill(browser, "act-text", "已更换南环路东段路灯灯具"));
      for (const args of [["finish", "--summary", "路灯已修复"], ["feedback", "--how", "电话"], ["rate", "--rating", "不满意", "--reason", "仍有两盏不亮"]]) {
        cli(db, ["matter", "act", lead, ...args]);
      }
      await closeMatterDrawer(browser);
      await rankOf("ZJJ", "2");
      await rankOf("JTJ", "1");
      await screenshot(browser, "t-office-ranking");

      // A chart of the period as a picture.
      await (await browser.$(byTestId("stats-export-image-month"))).click();
      const png = await waitForFile(savedDir, ".png");
      const size = decodePng(readFileSync(join(savedDir, png)));
      console.log(`     ${basename(pdf)}; ${png}: ${size.width}×${size.height}`);
      await assertNoCspViolations(browser);
    },
  },
];

// --- main -------------------------------------------------------------------------------------------------
async function main() {
  const filter = process.argv[2];
  const selected = scenarios.filter((s) => !filter || s.name.includes(filter));
  if (selected.length === 0) fail(`no scenario matches ${JSON.stringify(filter)}`);

  const binary = appBinary();
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), "liaison-e2e-"));
  const port = await freePort();

  // Test seams of the app (and of the CLI, which inherits process.env): the clock file a scenario writes to move
  // time (absent: the system clock), the folder the save and folder dialogs answer with instead of showing, and
  // the folder whose newest .lzb/.lze the open dialog for a sync file answers with.
  const clockFile = join(scratch, "clock");
  const savedDir = join(scratch, "saved");
  const openDir = join(scratch, "open");
  process.env.LIAISON_TEST_CLOCK = clockFile;
  process.env.LIAISON_TEST_SAVE_DIR = savedDir;
  process.env.LIAISON_TEST_OPEN_DIR = openDir;
  const setClock = (instant) => writeFileSync(clockFile, `${instant}\n`);
  const env = {
    ...process.env,
    TAURI_WEBVIEW_AUTOMATION: "true",
    XDG_DATA_HOME: join(scratch, "data"),
    XDG_CONFIG_HOME: join(scratch, "config"),
    XDG_CACHE_HOME: join(scratch, "cache"),
    NO_AT_BRIDGE: "1", // no accessibility bus under Xvfb
  };
  delete env.LIAISON_DB;

  const log = createWriteStream(join(ARTIFACTS, "webkitwebdriver.log"));
  const driver = spawn("WebKitWebDriver", [`--port=${port}`], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  driver.stdout.pipe(log);
  driver.stderr.pipe(log);
  driver.on("error", (e) => fail(`cannot start WebKitWebDriver (apt-get install webkit2gtk-driver): ${e.message}`));

  const watchdog = setTimeout(() => {
    console.error(`e2e: the whole run exceeded ${TOTAL_TIMEOUT / 1000} s; stopping the driver`);
    stopDriver(driver);
    process.exit(1);
  }, TOTAL_TIMEOUT);
  process.on("SIGINT", () => {
    stopDriver(driver);
    process.exit(130);
  });
  process.on("SIGTERM", () => {
    stopDriver(driver);
    process.exit(143);
  });

  console.log(`e2e: app ${binary}`);
  console.log(`e2e: WebKitWebDriver on port ${port}, scratch ${scratch}`);
  await waitForDriver(port, driver);

  let passed = 0;
  let failed = 0;
  for (const [index, scenario] of selected.entries()) {
    const db = join(scratch, `scenario-${index}.db`);
    const started = Date.now();
    // One app start = one session. `restart` closes the window and starts the app again on the same database
    // and webview profile (for "remembered after a restart" checks).
    const open = () =>
      withTimeout(
        remote({
          hostname: "127.0.0.1",
          port,
          logLevel: "error",
          connectionRetryTimeout: SESSION_TIMEOUT,
          connectionRetryCount: 0,
          waitforTimeout: WAIT_TIMEOUT,
          capabilities: {
            browserName: "wry",
            "wdio:enforceWebDriverClassic": true,
            "webkitgtk:browserOptions": { binary, args: ["--db", db] },
          },
        }),
        SESSION_TIMEOUT,
        "creating the WebDriver session",
      );
    let browser;
    const restart = async () => {
      const old = browser;
      browser = undefined;
      await withTimeout(old.deleteSession(), WAIT_TIMEOUT, "closing the session");
      browser = await open();
      return browser;
    };
    rmSync(clockFile, { force: true });
    for (const dir of [savedDir, openDir]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
    try {
      const cli = (path, args, extraEnv) => runCli(binary, path, args, extraEnv);
      if (scenario.prepare) scenario.prepare(db, { cli, setClock, openDir });
      const openedAt = Date.now();
      browser = await open();
      const cliJson = (args) => runCliJson(binary, db, args);
      const auditCount = () => cliJson(["audit", "--action", "reveal", "--limit", "1000"]).length;
      const logFile = join(scratch, "data", "cn.liaisondesk.desktop", "logs", "liaison-desk.log");
      await withTimeout(
        scenario.run(browser, { restart, cli, cliJson, auditCount, logFile, openedAt, db, setClock, savedDir, openDir }),
        SCENARIO_TIMEOUT,
        scenario.name,
      );
      passed += 1;
      console.log(`ok   ${scenario.name}: ${scenario.description} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed += 1;
      console.error(`FAIL ${scenario.name}: ${scenario.description}\n     ${error?.message ?? error}`);
    } finally {
      if (browser) {
        await withTimeout(screenshot(browser, scenario.name), WAIT_TIMEOUT, "screenshot").catch(
          (e) => console.error(`     (no screenshot: ${e.message})`),
        );
        await withTimeout(browser.deleteSession(), WAIT_TIMEOUT, "closing the session").catch((e) =>
          console.error(`     (session not closed cleanly: ${e.message})`),
        );
      }
    }
  }

  clearTimeout(watchdog);
  stopDriver(driver);
  rmSync(scratch, { recursive: true, force: true });
  console.log(`e2e: screenshots and driver log in ${ARTIFACTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => fail(error?.stack ?? String(error)));
