/**
 * `npm run bench [-- --repeat 3 --sizes 10,30,100,500,1000 --timeout 90 --lever-size 30]` measures,
 * in one run, each case in its own child process (bench/child.ts), one after another:
 *  - the floor: plain node importing the Pulumi SDK, nothing else (compile cache on, as the plan has);
 *  - the same import through the launcher every offline entry runs through (plan/commands/launch.cjs: one
 *    esbuild bundle of the entry, here bench/child.ts);
 *  - the offline plan (program under the recording mocks + report) of dev and prod, as shipped
 *    (plan/commands/plan.ts records no stack traces);
 *  - synthetic stacks of N spokes (prod's structure, bench/synthetic.ts) through the real program;
 *    a case that runs out of memory or time is reported as such, and larger sizes are skipped;
 *  - levers on Pulumi's per-resource cost under mocks, on prod and on a mid-size synthetic stack;
 *  - the settings validator alone (its CIDR overlap check is a sort-and-sweep);
 *  - the SDK alone registering as many bare routes as the largest synthetic stack has resources,
 *    under Pulumi's own mocks with the offline speedups: no program, no report, the least any
 *    program of that size pays in a mocked run.
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
  reported?: number;
  resources?: number;
  validateMs?: number;
  cpuMs: number;
  maxRssKiB: number;
}

interface Case {
  label: string;
  mode: "floor-node" | "floor" | "plan" | "validate" | "register";
  count?: number;
  stack?: string;
  configFile?: string;
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
      else resolve({ wallMs, child: JSON.parse(out.trim().split("\n").pop() ?? "{}") as ChildResult });
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
  "imports ms",
  "program ms",
  "report ms",
  "validate ms",
  "program ms/resource",
  "peak RSS MiB",
];

function row(m: Measured | { c: Case; error: string }, floorMs: number): string {
  const cells = (values: string[]) => `| ${values.join(" | ")} |`;
  const levers = m.c.levers?.join(" + ") || "none";
  if ("error" in m) return cells([m.c.label, levers, fmt(m.c.spokes), "", m.error, ...Array<string>(header.length - 5).fill("")]);
  const { child } = m;
  const program = child.ran !== undefined && child.imported !== undefined ? child.ran - child.imported : undefined;
  const report = child.reported !== undefined && child.ran !== undefined ? child.reported - child.ran : undefined;
  return cells([
    m.c.label,
    levers,
    fmt(m.c.spokes),
    fmt(child.resources),
    fmt(m.wallMs),
    fmt(child.cpuMs),
    m.c.mode === "validate" || m.c.mode === "register" ? "" : fmt(m.wallMs / floorMs, 2),
    fmt(child.imported),
    fmt(program),
    fmt(report),
    fmt(child.validateMs, 1),
    program !== undefined && child.resources ? fmt(program / child.resources, 2) : "",
    fmt(child.maxRssKiB / 1024),
  ]);
}

async function main(): Promise<void> {
  const repeat = Number(arg("--repeat", "3"));
  const sizes = arg("--sizes", "10,30,100,500,1000").split(",").map(Number);
  const timeoutMs = Number(arg("--timeout", "90")) * 1000;
  const leverSize = Number(arg("--lever-size", "30"));
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
  const largest = Math.max(...sizes);
  const synthetic = (n: number, levers?: string[]): Case => ({
    label: `plan ${n} spokes`,
    mode: "plan",
    configFile: files.get(n),
    spokes: n,
    ...(levers ? { levers } : {}),
  });
  const cases: Case[] = [
    { label: "floor: import @pulumi/pulumi", mode: "floor-node" },
    { label: "import @pulumi/pulumi through the launcher", mode: "floor" },
    { label: "plan dev", mode: "plan", stack: "dev" },
    { label: "plan prod", mode: "plan", stack: "prod" },
    ...sizes.map((n) => synthetic(n)),
    ...leverSets.map((levers): Case => ({ label: "plan prod", mode: "plan", stack: "prod", levers })),
    ...leverSets.map((levers) => synthetic(leverSize, levers)),
    ...sizes.map((n): Case => ({ label: `validate settings, ${n} spokes`, mode: "validate", configFile: files.get(n), spokes: n })),
    { label: "SDK alone: bare routes", mode: "register" },
    { label: "SDK alone: bare routes", mode: "register", levers: ["sdk-eager-outputs"] },
  ];
  const results: (Measured | { c: Case; error: string })[] = [];
  const load = () => (loadavg()[0] ?? 0).toFixed(2);
  const loadStart = load();
  const failedSizes = new Set<number>();
  try {
    for (const c of cases) {
      if (c.mode === "plan" && c.spokes !== undefined && [...failedSizes].some((n) => n <= (c.spokes ?? 0))) {
        results.push({ c, error: "not run: a smaller stack already failed" });
        continue;
      }
      if (c.mode === "register") {
        // As many resources as the largest synthetic stack registered (about 33 per spoke).
        const big = results.find((m): m is Measured => m.c.mode === "plan" && m.c.spokes === largest && !m.c.levers && !("error" in m));
        c.count = big?.child.resources ?? 33 * largest;
        c.label = `SDK alone: ${c.count} bare routes`;
      }
      try {
        const m = await measure(c, (c.mode === "plan" && (c.spokes ?? 0) >= 100) || c.mode === "register" ? 1 : repeat, timeoutMs);
        results.push(m);
        process.stderr.write(`  ${c.label} [${c.levers?.join(",") || "none"}]: ${m.wallMs.toFixed(0)} ms\n`);
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        results.push({ c, error });
        if (c.mode === "plan" && c.spokes !== undefined && !c.levers) failedSizes.add(c.spokes);
        process.stderr.write(`  ${c.label} [${c.levers?.join(",") || "none"}]: ${error}\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ok = (m: (typeof results)[number]): m is Measured => !("error" in m);
  const floor = results.find((m) => m.c.mode === "floor-node");
  const floorMs = floor && ok(floor) ? floor.wallMs : Number.NaN;
  const launched = results.find((m) => m.c.mode === "floor");
  const lines = [
    `Offline plan benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown cpu"}); median of ${repeat} runs (1 for 100 spokes and more); each case in its own process; load average ${loadStart} at start, ${load()} at end.`,
    "",
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...results.map((m) => row(m, floorMs)),
    "",
  ];
  const plans = results.filter(ok).filter((m) => m.c.mode === "plan" && m.c.spokes !== undefined && !m.c.levers);
  if (plans.length >= 2) {
    const per = plans.map(
      (m) =>
        `${m.c.spokes} spokes: ${m.child.resources} resources, ${fmt(((m.child.ran ?? 0) - (m.child.imported ?? 0)) / (m.child.resources ?? 1), 2)} ms each`,
    );
    lines.push(`Growth of the program phase: ${per.join("; ")}. Flat ms/resource means linear in resources.`);
  }
  const prod = results.filter(ok).find((m) => m.c.label === "plan prod" && !m.c.levers);
  if (prod) {
    const loader = launched && ok(launched) ? `; ${(prod.wallMs / launched.wallMs).toFixed(2)}x the same import through the launcher` : "";
    lines.push(`Prod plan: ${(prod.wallMs / floorMs).toFixed(2)}x the floor (target 1.3x)${loader}.`);
  }
  const big = results.find((m) => m.c.spokes === largest && m.c.mode === "plan" && !m.c.levers);
  if (big) lines.push(`${largest} spokes: ${ok(big) ? `${(big.wallMs / 1000).toFixed(2)} s` : big.error} (target under 5 s).`);
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
