/**
 * One benchmark measurement, in its own process (Pulumi's runtime state is global):
 *   --mode floor     import the Pulumi SDK and nothing else (run through plan/commands/launch.cjs, as every entry)
 *   --mode plan      the offline plan: run the program under the recording mocks, build the report
 *   --mode validate  parse and validate the stack config only (the settings layer)
 *   --mode register  the SDK alone: register --count bare routes under Pulumi's own mocks, with the
 *                    offline speedups, no program and no report (what any program of that size pays)
 * Options: --stack <name>, --config-file <path>, --count <n>, --lever <name>[,<name>] (see levers below).
 * Prints one JSON line: phase times (ms since process start), resources, CPU time, maxRSS (KiB).
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
 * (plan/offline-speed.ts: no promise stack traces, no resource callsites); the levers put the SDK's
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

async function main(): Promise<void> {
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
  } else if (mode === "register") {
    const count = Number(arg("--count") ?? "1000");
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const { Route } = require("@pulumi/aws/ec2/route") as typeof import("@pulumi/aws/ec2/route");
    /* eslint-enable @typescript-eslint/no-require-imports */
    result.imported = performance.now();
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
    result.resources = count;
  } else {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const config = require("../plan/runtime/stack-config") as typeof import("../plan/runtime/stack-config");
    const raw = configFile
      ? config.parseStackConfig(readFileSync(configFile, "utf8"), config.readProjectName())
      : config.loadStackConfig(stack);
    if (mode === "validate") {
      const { loadSettings } = require("../infra/settings/load") as typeof import("../infra/settings/load");
      const t = performance.now();
      const settings = loadSettings(raw, { project: config.readProjectName(), stack });
      result.validateMs = performance.now() - t;
      result.spokes = settings.spokes.length;
    } else {
      const { runProgram } = require("../plan/runtime/run") as typeof import("../plan/runtime/run");
      const { buildReport } = require("../plan/report/build") as typeof import("../plan/report/build");
      /* eslint-enable @typescript-eslint/no-require-imports */
      result.imported = performance.now();
      const run = await runProgram({ stack, config: raw });
      if (!run.ok) throw run.error;
      result.ran = performance.now();
      const report = buildReport(run.run);
      result.reported = performance.now();
      result.resources = run.run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
      result.reportBytes = report.json.length;
    }
  }
  const usage = process.resourceUsage();
  result.maxRssKiB = usage.maxRSS;
  result.cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
