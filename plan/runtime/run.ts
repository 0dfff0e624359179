/**
 * Runs the real program (infra/program.ts, which infra/index.ts exports) under recording mocks with a
 * stack's config: no cloud account, no Pulumi CLI. Pulumi's runtime state is global to the process,
 * and each run starts it afresh (new mocks, the config overwritten, the program called again), so
 * runs in one process, one after the other, capture what runs in separate processes do
 * (tests/program-reruns.test.ts). Never two runs at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { outputWithUnknowns, runtimeSettings } from "../../infra/lib/sdk-internals";
import { SettingsError } from "../../infra/settings/errors";
import { loadSettings } from "../../infra/settings/load";
import type { RawConfig } from "../../infra/settings/load";
import type { CapturedResource, CapturedRun } from "./captured-run";
import { constructionOrder, installRecordingMocks } from "./mocks";
import { readProjectName } from "./stack-config";

export interface RunOptions {
  stack: string;
  config: RawConfig;
  project?: string;
  /** Run as a preview (default, like the plan) or as an update (`pulumi up`). */
  preview?: boolean;
}

export type RunResult = { ok: true; run: CapturedRun } | { ok: false; error: Error; run: CapturedRun };

function resolveOutput(value: unknown): Promise<{ value: unknown; secret: boolean }> {
  if (pulumi.Output.isInstance(value)) {
    const out = value as pulumi.Output<unknown>;
    // In preview an unknown value never reaches `apply`: read the output with its unknowns, or a
    // stack output left unknown hangs the run.
    const read = outputWithUnknowns(out);
    return Promise.all([read.value, read.known, pulumi.isSecret(out)]).then(([v, known, secret]) => ({
      value: known ? v : "[unknown]",
      secret,
    }));
  }
  return Promise.resolve({ value, secret: false });
}

/** Deeply resolves outputs inside plain objects and arrays; a secret anywhere marks the whole value secret. */
async function resolveDeep(value: unknown): Promise<{ value: unknown; secret: boolean }> {
  const top = await resolveOutput(value);
  let secret = top.secret;
  const walk = async (v: unknown): Promise<unknown> => {
    if (pulumi.Output.isInstance(v)) {
      const r = await resolveOutput(v);
      secret ||= r.secret;
      return walk(r.value);
    }
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (v && typeof v === "object" && !pulumi.Resource.isInstance(v)) {
      const entries = await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await walk(x)] as const));
      return Object.fromEntries(entries);
    }
    return v;
  };
  const resolved = await walk(top.value);
  return { value: resolved, secret };
}

export async function runProgram(options: RunOptions): Promise<RunResult> {
  const project = options.project ?? readProjectName();
  const region = options.config.values["aws:region"] ?? "us-east-1";
  const mocks = await installRecordingMocks(project, options.stack, region, options.preview ?? true);
  pulumi.runtime.setAllConfig(options.config.values, options.config.secretKeys);
  const run: CapturedRun = { project, stack: options.stack, resources: [], outputs: {}, secretOutputs: [] };
  let error: Error | undefined;
  let exported: Record<string, unknown> = {};
  // The program's error is caught inside the stack's init so the stack resource never holds a
  // rejected promise (which would surface later as an unhandled rejection).
  await pulumi.runtime.runInPulumiStack(async () => {
    try {
      // Loaded once, called once per run: the program keeps no state of its own between calls.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { program } = require("../../infra/program") as typeof import("../../infra/program");
      exported = { ...program() };
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    return error ? {} : exported;
  });
  if (!error) {
    // The settings the program read (infra/settings/from-pulumi.ts), loaded again from the same
    // config: the analysis takes its intent from them. The program ran, so they load.
    run.settings = loadSettings(options.config, { project, stack: options.stack });
    // By name, as Pulumi lists stack outputs (and as a module namespace orders its exports).
    for (const [key, value] of Object.entries(exported).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const r = await resolveDeep(value);
      run.outputs[key] = r.secret ? "[secret]" : r.value;
      if (r.secret) run.secretOutputs.push(key);
    }
  }
  await runtimeSettings().waitForRPCs();
  // In the order the program constructed them: the order in which registrations complete follows
  // promise timing, which the offline speedups change (plan/sdk/offline-speed.ts).
  const order = await constructionOrder(mocks);
  const position = (r: CapturedResource) => order.get(r.urn) ?? Number.MAX_SAFE_INTEGER;
  run.resources = [...mocks.resources.values()].sort((a, b) => position(a) - position(b) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return error ? { ok: false, error, run } : { ok: true, run };
}

export function isSettingsError(error: unknown): error is SettingsError {
  return error instanceof SettingsError || (error instanceof Error && error.name === "SettingsError" && "issues" in error);
}
