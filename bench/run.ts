/**
 * `npm run bench [-- --repeat 3 --sizes 10,30,100,500,1000,2000,4995 --timeout 90 --lever-size 30 --bare-size 1000]`
 * measures, in one run, each case in its own child process (bench/child.ts), one after another:
 *  - the floor: plain node importing the Pulumi SDK, nothing else (compile cache on, as the plan has);
 *  - the same import through the launcher every offline entry runs through (plan/commands/launch.cjs: one
 *    esbuild bundle of the entry, here bench/child.ts);
 *  - the offline plan (program under the recording mocks, analysis, report) of dev, prod and
 *    synthetic stacks of N spokes (prod's structure, bench/synthetic.ts) through the real program;
 *    a case that runs out of memory or time is reported as such, and larger sizes are skipped;
 *  - the replay floor of each of those stacks: its run captured once in a child (not timed), then
 *    its registrations replayed through the SDK under Pulumi's own mocks in another child
 *    (bench/replay.ts): what any program registering those resources pays. "x replay" divides
 *    the plan's wall time (and peak memory) by it;
 *  - levers on Pulumi's per-resource cost under mocks, on prod and on a mid-size synthetic stack;
 *  - the settings validator alone;
 *  - the SDK alone registering as many bare routes as the --bare-size stack has resources.
 * Prints a markdown table: wall time, the child's CPU time (steadier than wall time on a busy
 * machine), phases inside the child, program time per resource, peak RSS (the child's maxRSS).
 * Numbers belong in docs/benchmark.md, never in a timed test.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { syntheticStackYaml } from "./synthetic";
import { tsEntryArgs } from "../plan/runtime/entries";

const root = join(__dirname, "..");

interface ChildResult {
  start: number;
  imported?: number;
  ran?: number;
  analysed?: number;
  reported?: number;
  /** Replay: reading the capture, left out of its phases and wall time. */
  loadMs?: number;
  /** CPU ms at the end of each phase. */
  cpuPhases?: { imported?: number; ran?: number; analysed?: number; reported?: number };
  resources?: number;
  validateMs?: number;
  cpuMs: number;
  maxRssKiB: number;
}

interface Case {
  label: string;
  mode: "floor-node" | "floor" | "plan" | "validate" | "register" | "replay" | "program";
  count?: number;
  stack?: string;
  configFile?: string;
  /** Replay: the captured run to replay. */
  capture?: string;
  spokes?: number;
  levers?: string[];
}

interface Measured {
  c: Case;
  wallMs: number;
  child: ChildResult;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? fallback;
}

/** The floor without the launcher: plain node, the SDK, the same JSON line as bench/child.ts. */
const plainFloor = `
const { performance } = require("node:perf_hooks");
require("node:module").enableCompileCache?.();
const start = performance.now();
require("@pulumi/pulumi");
const imported = performance.now();
const u = process.resourceUsage();
process.stdout.write(JSON.stringify({ start, imported, maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }) + "\\n");
`;

function runChild(c: Case, timeoutMs: number): Promise<{ wallMs: number; child: ChildResult }> {
  const args =
    c.mode === "floor-node"
      ? ["-e", plainFloor]
      : [...tsEntryArgs(join(root, "bench", "child.ts")), "--mode", c.mode, "--stack", c.stack ?? "prod"];
  if (c.configFile) args.push("--config-file", c.configFile);
  if (c.capture) args.push("--capture", c.capture);
  if (c.count !== undefined) args.push("--count", String(c.count));
  if (c.levers?.length) args.push("--lever", c.levers.join(","));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      if (signal === "SIGKILL") reject(new Error(`stopped after ${(timeoutMs / 1000).toFixed(0)} s`));
      else if (/heap out of memory/.test(err)) reject(new Error(`out of memory after ${(wallMs / 1000).toFixed(0)} s`));
      else if (code !== 0) reject(new Error(`failed (exit ${code}): ${err.trim().split("\n").slice(-3).join(" ")}`));
      else {
        const child = JSON.parse(out.trim().split("\n").pop() ?? "{}") as ChildResult;
        // The replay's reading of its capture is no part of the floor.
        resolve({ wallMs: wallMs - (child.loadMs ?? 0), child });
      }
    });
  });
}

/** Captures a stack's run into `out` in a child process (the replay's input; not timed). */
function capture(c: Case, out: string, timeoutMs: number): Promise<void> {
  const args = [...tsEntryArgs(join(root, "plan", "commands", "capture.ts")), "--stack", c.stack ?? "prod", "--out", out];
  if (c.configFile) args.push("--config-file", c.configFile);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`capture failed (exit ${code}): ${err.trim().split("\n").slice(-2).join(" ")}`));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s[Math.floor(s.length / 2)];
  if (m === undefined) throw new Error("median of no values");
  return m;
}

async function measure(c: Case, repeat: number, timeoutMs: number): Promise<Measured> {
  const runs: { wallMs: number; child: ChildResult }[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await runChild(c, timeoutMs));
  const wall = median(runs.map((r) => r.wallMs));
  const pick = runs.find((r) => r.wallMs === wall);
  if (!pick) throw new Error(`${c.label}: no run`);
  return { c, wallMs: wall, child: { ...pick.child, maxRssKiB: Math.max(...runs.map((r) => r.child.maxRssKiB)) } };
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? "" : n.toFixed(digits));

const header = [
  "case",
  "levers",
  "spokes",
  "resources",
  "wall ms",
  "CPU ms",
  "x floor",
  "x replay",
  "imports ms",
  "program ms",
  "analysis ms",
  "report ms",
  "validate ms",
  "program ms/resource",
  "peak RSS MiB",
  "RSS x replay",
];

type Result = Measured | { c: Case; error: string };

function row(m: Result, floorMs: number, replay: Measured | undefined): string {
  const cells = (values: string[]) => `| ${values.join(" | ")} |`;
  const levers = m.c.levers?.join(" + ") || "none";
  if ("error" in m) return cells([m.c.label, levers, fmt(m.c.spokes), "", m.error, ...Array<string>(header.length - 5).fill("")]);
  const { child } = m;
  const program = child.ran !== undefined && child.imported !== undefined ? child.ran - child.imported : undefined;
  const analysis = child.analysed !== undefined && child.ran !== undefined ? child.analysed - child.ran : undefined;
  const report =
    child.reported !== undefined && (child.analysed ?? child.ran) !== undefined
      ? child.reported - (child.analysed ?? child.ran ?? 0)
      : undefined;
  const versus = m.c.mode === "plan" && replay && !m.c.levers;
  return cells([
    m.c.label,
    levers,
    fmt(m.c.spokes),
    fmt(child.resources),
    fmt(m.wallMs),
    fmt(child.cpuMs),
    m.c.mode === "validate" || m.c.mode === "register" ? "" : fmt(m.wallMs / floorMs, 2),
    versus ? fmt(m.wallMs / replay.wallMs, 2) : "",
    fmt(child.imported),
    fmt(program),
    fmt(analysis),
    fmt(report),
    fmt(child.validateMs, 1),
    program !== undefined && child.resources ? fmt(program / child.resources, 2) : "",
    fmt(child.maxRssKiB / 1024),
    versus ? fmt(child.maxRssKiB / replay.child.maxRssKiB, 2) : "",
  ]);
}

/** The plan of a stack and its replay floor, measured one after the other. */
function replayOf(plan: Case, capture: string): Case {
  return { label: `replay floor: ${plan.label.replace(/^plan /, "")}`, mode: "replay", stack: plan.stack, capture, spokes: plan.spokes };
}

async function main(): Promise<void> {
  const repeat = Number(arg("--repeat", "3"));
  const sizes = arg("--sizes", "10,30,100,500,1000").split(",").map(Number);
  const timeoutMs = Number(arg("--timeout", "90")) * 1000;
  const leverSize = Number(arg("--lever-size", "30"));
  const bareSize = Number(arg("--bare-size", "1000"));
  const leverSets = [
    ["sdk-eager-outputs"],
    ["sdk-promise-tracking"],
    ["sdk-promise-tracking", "sdk-stack-limit"],
    ["sdk-callsites"],
    ["sdk-eager-outputs", "sdk-promise-tracking", "sdk-stack-limit", "sdk-callsites"],
  ];
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  const prodYaml = readFileSync(join(root, "Pulumi.prod.yaml"), "utf8");
  const allSizes = [...new Set([...sizes, leverSize])];
  const files = new Map(allSizes.map((n) => [n, join(dir, `Pulumi.synthetic-${n}.yaml`)]));
  for (const [n, file] of files) writeFileSync(file, syntheticStackYaml(prodYaml, n));
  const synthetic = (n: number, levers?: string[]): Case => ({
    label: `plan ${n} spokes`,
    mode: "plan",
    configFile: files.get(n),
    spokes: n,
    ...(levers ? { levers } : {}),
  });
  const plans: Case[] = [
    { label: "plan dev", mode: "plan", stack: "dev" },
    { label: "plan prod", mode: "plan", stack: "prod" },
    ...sizes.map((n) => synthetic(n)),
  ];
  // From prod and 1,000 spokes up, the program alone too (no recording, analysis or report).
  const programOf = (p: Case): Case[] =>
    p.stack === "dev" || (p.spokes ?? 1000) < 1000 ? [] : [{ ...p, label: p.label.replace(/^plan /, "program alone: "), mode: "program" }];
  const cases: Case[] = [
    { label: "floor: import @pulumi/pulumi", mode: "floor-node" },
    { label: "import @pulumi/pulumi through the launcher", mode: "floor" },
    // Each stack's replay floor right before its plan: the two see the same machine load.
    ...plans.flatMap((p, i) => [replayOf(p, join(dir, `capture-${i}.json`)), p, ...programOf(p)]),
    ...leverSets.map((levers): Case => ({ label: "plan prod", mode: "plan", stack: "prod", levers })),
    ...leverSets.map((levers) => synthetic(leverSize, levers)),
    ...sizes.map((n): Case => ({ label: `validate settings, ${n} spokes`, mode: "validate", configFile: files.get(n), spokes: n })),
    { label: "SDK alone: bare routes", mode: "register" },
    { label: "SDK alone: bare routes", mode: "register", levers: ["sdk-eager-outputs"] },
  ];
  const results: Result[] = [];
  const replays = new Map<Case, Measured>();
  const load = () => (loadavg()[0] ?? 0).toFixed(2);
  const loadStart = load();
  const failedSizes = new Set<number>();
  try {
    for (const [k, c] of cases.entries()) {
      const tooBig = c.spokes !== undefined && [...failedSizes].some((n) => n <= (c.spokes ?? 0));
      if ((c.mode === "plan" || c.mode === "replay" || c.mode === "program") && tooBig) {
        results.push({ c, error: "not run: a smaller stack already failed" });
        continue;
      }
      if (c.mode === "register") {
        // As many resources as the --bare-size synthetic stack registered (about 33 per spoke).
        const sized = results.find((m): m is Measured => m.c.mode === "plan" && m.c.spokes === bareSize && !m.c.levers && !("error" in m));
        c.count = sized?.child.resources ?? 33 * bareSize;
        c.label = `SDK alone: ${c.count} bare routes`;
      }
      // A large stack takes longer: the timeout grows with its spokes beyond 1,000.
      const limit = timeoutMs * Math.max(1, (c.spokes ?? 0) / 1000);
      try {
        if (c.mode === "replay" && c.capture) {
          const plan = cases[k + 1];
          if (plan) await capture(plan, c.capture, limit);
        }
        const once = (c.mode === "plan" || c.mode === "replay" || c.mode === "program") && (c.spokes ?? 0) >= 100;
        const m = await measure(c, once || c.mode === "register" ? 1 : repeat, limit);
        results.push(m);
        if (c.mode === "replay") {
          const plan = cases[k + 1];
          if (plan) replays.set(plan, m);
        }
        process.stderr.write(`  ${c.label} [${c.levers?.join(",") || "none"}]: ${m.wallMs.toFixed(0)} ms\n`);
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        results.push({ c, error });
        if ((c.mode === "plan" || c.mode === "replay") && c.spokes !== undefined && !c.levers) failedSizes.add(c.spokes);
        process.stderr.write(`  ${c.label} [${c.levers?.join(",") || "none"}]: ${error}\n`);
      } finally {
        // Captures of thousands of spokes are hundreds of megabytes: gone once their plan ran.
        if (c.mode === "plan" && !c.levers) {
          const previous = cases[k - 1];
          if (previous?.capture) rmSync(previous.capture, { force: true });
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ok = (m: Result): m is Measured => !("error" in m);
  const floor = results.find((m) => m.c.mode === "floor-node");
  const floorMs = floor && ok(floor) ? floor.wallMs : Number.NaN;
  const launched = results.find((m) => m.c.mode === "floor");
  const lines = [
    `Offline plan benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown cpu"}); median of ${repeat} runs (1 for 100 spokes and more); each case in its own process; load average ${loadStart} at start, ${load()} at end.`,
    "",
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...results.map((m) => row(m, floorMs, replays.get(m.c))),
    "",
  ];
  const measuredPlans = results.filter(ok).filter((m) => m.c.mode === "plan" && m.c.spokes !== undefined && !m.c.levers);
  if (measuredPlans.length >= 2) {
    const per = measuredPlans.map((m) => {
      const program = ((m.child.ran ?? 0) - (m.child.imported ?? 0)) / (m.child.resources ?? 1);
      const analysis = ((m.child.analysed ?? 0) - (m.child.ran ?? 0)) / (m.c.spokes ?? 1);
      return `${m.c.spokes} spokes: ${m.child.resources} resources, program ${fmt(program, 2)} ms per resource, analysis ${fmt(analysis, 2)} ms per spoke`;
    });
    lines.push(`Growth: ${per.join("; ")}. Flat per-resource and per-spoke times mean linear growth.`);
  }
  const cpu = (m: Measured | undefined, phase: "imported" | "ran" | "analysed" | "reported") => m?.child.cpuPhases?.[phase];
  for (const m of results.filter(ok).filter((x) => x.c.mode === "plan" && !x.c.levers)) {
    const r = replays.get(m.c);
    if (!r) continue;
    // CPU per phase: the replay's registrations, the program alone, the plan's program with its recording.
    const program = results.filter(ok).find((x) => x.c.mode === "program" && x.c.configFile === m.c.configFile && x.c.stack === m.c.stack);
    const span = (x: Measured | undefined, from: "imported" | "ran" | "analysed", to: "ran" | "analysed" | "reported") => {
      const a = cpu(x, from);
      const b = cpu(x, to);
      return a !== undefined && b !== undefined ? b - a : undefined;
    };
    const resources = m.child.resources ?? 1;
    const perResource = (ms: number | undefined) =>
      ms === undefined ? "?" : `${fmt(ms)} ms CPU (${fmt((1000 * ms) / resources, 0)} us a resource)`;
    lines.push(
      `${m.c.label}, CPU by phase: the replay's registrations ${perResource(span(r, "imported", "ran"))}; the program alone ${perResource(span(program, "imported", "ran"))}; the plan's program with its recording ${perResource(span(m, "imported", "ran"))}; analysis ${perResource(span(m, "ran", "analysed"))}; report ${perResource(span(m, "analysed", "reported"))}.`,
    );
    const analysis = (m.child.analysed ?? 0) - (m.child.ran ?? 0);
    lines.push(
      `${m.c.label}: ${(m.wallMs / 1000).toFixed(2)} s, ${fmt(m.wallMs / r.wallMs, 2)}x its replay floor (${(r.wallMs / 1000).toFixed(2)} s; target 1.3x); peak ${fmt(m.child.maxRssKiB / 1024)} MiB, ${fmt(m.child.maxRssKiB / r.child.maxRssKiB, 2)}x the replay's ${fmt(r.child.maxRssKiB / 1024)} MiB; analysis ${fmt(analysis)} ms, ${fmt((100 * analysis) / m.wallMs, 1)} % of the plan's wall time.`,
    );
  }
  const prod = results.filter(ok).find((m) => m.c.label === "plan prod" && !m.c.levers);
  if (prod) {
    const loader = launched && ok(launched) ? `; ${(prod.wallMs / launched.wallMs).toFixed(2)}x the same import through the launcher` : "";
    lines.push(`Prod plan: ${(prod.wallMs / floorMs).toFixed(2)}x the import floor${loader}.`);
  }
  const sdk = results.filter(ok).find((m) => m.c.mode === "register" && !m.c.levers);
  if (sdk && sdk.child.ran !== undefined && sdk.child.imported !== undefined)
    lines.push(
      `The SDK alone registers ${sdk.c.count} bare routes under its mocks in ${((sdk.child.ran - sdk.child.imported) / 1000).toFixed(2)} s after its import (${(sdk.wallMs / 1000).toFixed(2)} s wall), with every offline speedup and no program or report.`,
    );
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
