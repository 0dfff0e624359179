/**
 * One benchmark measurement, in its own process (Pulumi's runtime state is global):
 *   --mode floor     import the Pulumi SDK and nothing else (run through plan/commands/launch.cjs, as every entry)
 *   --mode plan      the offline plan: run the program under the recording mocks, build the report
 *   --mode validate  parse and validate the stack config only (the settings layer)
 *   --mode register  the SDK alone: register --count bare routes under Pulumi's own mocks, with the
 *                    offline speedups, no program and no report (what any program of that size pays)
 *   --mode replay    the replay floor: the registrations of a captured run (--capture <file>, from
 *                    plan/commands/capture.ts) registered again under Pulumi's own mocks (bench/replay.ts)
 *   --mode program   the program alone under the plan's mocks (the outputs they compute) without the
 *                    recording: what the program costs beyond the replay, and the recording beyond it
 * Options: --stack <name>, --config-file <path>, --capture <file>, --count <n>, --lever <name>[,<name>]
 * (see levers below).
 * Prints one JSON line: phase times (ms since process start), resources, CPU time, maxRSS (KiB).
 * Phases: `imported` (the SDK and the program's or replay's modules loaded), `loaded` (the replay's
 * capture read), `ran` (every registration back), `analysed` (the plan's analysis), `reported`.
 */
import "../plan/sdk/fast-start";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { resourceClass, runtimeDebuggable, runtimeRpc, runtimeSettings } from "../infra/lib/sdk-internals";
import { applyOfflineSpeedups } from "../plan/sdk/offline-speed";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Levers on Pulumi's per-resource cost under mocks. The baseline is the offline plan as shipped
 * (plan/sdk/offline-speed.ts: no promise stack traces, no resource callsites); the levers put the SDK's
 * defaults back one at a time, or go further.
 */
const sdkStackTraceLimit = Error.stackTraceLimit;
const { Resource } = resourceClass();
const sdkCallsites = Resource.callsites;
const debuggable = runtimeDebuggable();
const sdkDebuggablePromise = debuggable.debuggablePromise;
const rpc = runtimeRpc();
const sdkTransferProperties = rpc.transferProperties;

export const levers: Record<string, () => void> = {
  /** Node's default Error.stackTraceLimit (10): debuggablePromise records a stack per promise. */
  "sdk-stack-limit": () => {
    Error.stackTraceLimit = sdkStackTraceLimit;
  },
  /** The SDK's Resource.callsites: a full stack per resource for its source position. */
  "sdk-callsites": () => {
    Resource.callsites = sdkCallsites;
  },
  /** The SDK's promise tracking for its leak report: each promise tagged, stacked and kept in a set. */
  "sdk-promise-tracking": () => {
    debuggable.debuggablePromise = sdkDebuggablePromise;
  },
  /** The SDK's eager outputs: every output property of a resource an Output at construction. */
  "sdk-eager-outputs": () => {
    rpc.transferProperties = sdkTransferProperties;
  },
};

/** CPU time of this process so far, in ms. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function main(): Promise<void> {
  /** CPU ms at the end of each phase (steadier than wall time on a busy machine). */
  const cpuPhases: Record<string, number> = {};
  applyOfflineSpeedups();
  const mode = arg("--mode") ?? "plan";
  const stack = arg("--stack") ?? "prod";
  const configFile = arg("--config-file");
  const start = performance.now();
  for (const name of (arg("--lever") ?? "").split(",").filter(Boolean)) {
    const lever = levers[name];
    if (!lever) throw new Error(`unknown lever ${name}; known: ${Object.keys(levers).join(", ")}`);
    lever();
  }
  const result: Record<string, unknown> = { mode, stack, start, stackTraceLimit: Error.stackTraceLimit };
  if (mode === "floor") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("@pulumi/pulumi");
    result.imported = performance.now();
    cpuPhases.imported = cpuNow();
  } else if (mode === "replay") {
    const file = arg("--capture");
    if (!file) throw new Error("--mode replay needs --capture <file>");
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const { loadClasses, replay } = require("./replay") as typeof import("./replay");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const sdk = performance.now();
    const sdkCpu = cpuNow();
    const run = JSON.parse(readFileSync(file, "utf8")) as import("../plan/runtime/captured-run").CapturedRun;
    const loaded = performance.now();
    const loadCpu = cpuNow() - sdkCpu;
    const classes = loadClasses(run);
    // The capture's reading is no part of the floor: the imports are the SDK's and the classes'.
    result.imported = sdk + (performance.now() - loaded);
    cpuPhases.imported = cpuNow() - loadCpu;
    result.loadMs = loaded - sdk;
    result.loadCpuMs = loadCpu;
    result.resources = await replay(pulumi, run, classes, stack);
    result.ran = performance.now() - (loaded - sdk);
    cpuPhases.ran = cpuNow() - loadCpu;
  } else if (mode === "register") {
    const count = Number(arg("--count") ?? "1000");
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const { Route } = require("@pulumi/aws/ec2/route") as typeof import("@pulumi/aws/ec2/route");
    /* eslint-enable @typescript-eslint/no-require-imports */
    result.imported = performance.now();
    cpuPhases.imported = cpuNow();
    await pulumi.runtime.setMocks(
      { newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs },
      "bench",
      stack,
      true,
    );
    await pulumi.runtime.runInPulumiStack(async () => {
      for (let i = 0; i < count; i++)
        new Route(`route-${i}`, {
          routeTableId: "rtb-1",
          destinationCidrBlock: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
          transitGatewayId: "tgw-1",
        });
      return {};
    });
    await runtimeSettings().waitForRPCs();
    result.ran = performance.now();
    cpuPhases.ran = cpuNow();
    result.resources = count;
  } else {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const config = require("../plan/runtime/stack-config") as typeof import("../plan/runtime/stack-config");
    const raw = configFile
      ? config.parseStackConfig(readFileSync(configFile, "utf8"), config.readProjectName())
      : config.loadStackConfig(stack);
    if (mode === "program") {
      const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
      const { RecordingMocks } = require("../plan/runtime/mocks") as typeof import("../plan/runtime/mocks");
      result.imported = performance.now();
      cpuPhases.imported = cpuNow();
      // As runProgram (plan/runtime/run.ts), but the mock monitor's registrations are not recorded.
      await pulumi.runtime.setMocks(new RecordingMocks(raw.values["aws:region"] ?? "us-east-1"), config.readProjectName(), stack, true);
      pulumi.runtime.setAllConfig(raw.values, raw.secretKeys);
      await pulumi.runtime.runInPulumiStack(() => {
        const exported = { ...(require("../infra/index") as Record<string, unknown>) };
        return Promise.resolve(exported);
      });
      await runtimeSettings().waitForRPCs();
      result.ran = performance.now();
      cpuPhases.ran = cpuNow();
      // Every registration but the stack's.
      result.resources = runtimeSettings().getMonitor().resources.size - 1;
    } else if (mode === "validate") {
      const { loadSettings } = require("../infra/settings/load") as typeof import("../infra/settings/load");
      const t = performance.now();
      const settings = loadSettings(raw, { project: config.readProjectName(), stack });
      result.validateMs = performance.now() - t;
      result.spokes = settings.spokes.length;
    } else {
      const { runProgram } = require("../plan/runtime/run") as typeof import("../plan/runtime/run");
      const { analyse } = require("../plan/analysis") as typeof import("../plan/analysis");
      const { reportOf } = require("../plan/report/build") as typeof import("../plan/report/build");
      /* eslint-enable @typescript-eslint/no-require-imports */
      result.imported = performance.now();
      cpuPhases.imported = cpuNow();
      const run = await runProgram({ stack, config: raw });
      if (!run.ok) throw run.error;
      result.ran = performance.now();
      cpuPhases.ran = cpuNow();
      const analysis = analyse(run.run);
      // The Transit Gateway's routes (static, and propagated per prefix): its quota is 10,000 by default.
      result.tgwRoutes = analysis.model.tgwRoutes.length;
      result.classes = analysis.classes.spokeClasses().length;
      result.analysed = performance.now();
      cpuPhases.analysed = cpuNow();
      const report = reportOf(run.run, analysis);
      result.reportBytes = report.json.length + report.markdown.length;
      result.reported = performance.now();
      cpuPhases.reported = cpuNow();
      result.resources = run.run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
    }
  }
  const usage = process.resourceUsage();
  result.cpuPhases = cpuPhases;
  result.maxRssKiB = usage.maxRSS;
  result.cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000 - Number(result.loadCpuMs ?? 0);
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
