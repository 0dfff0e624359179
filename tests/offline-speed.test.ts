/**
 * The offline speedups (plan/offline-speed.ts) change how fast the plan runs, never what it sees:
 * the captured run of each real stack (every resource with its inputs, outputs, parent,
 * dependencies, protection and secrecy, and the stack outputs) is byte-identical with them and with
 * the SDK's defaults (PLAN_STACK_TRACES=1 turns them all off). The report is built from the captured
 * run alone (plan/build-report.ts), so it is the same too. Each capture runs in its own process.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import type { CapturedRun } from "../plan/capture";
import { projectRoot } from "../plan/stack-config";
import { tsEntryArgs } from "../plan/ts-loader";

function capture(stack: string, sdkDefaults: boolean): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  if (sdkDefaults) env.PLAN_STACK_TRACES = "1";
  else delete env.PLAN_STACK_TRACES;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsEntryArgs("plan/capture-cli.ts"), "--stack", stack], { cwd: projectRoot, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

for (const stack of ["dev", "prod"]) {
  test(`${stack}: the captured run is identical with the offline speedups and with the SDK's defaults`, async () => {
    const [fast, sdk] = await Promise.all([capture(stack, false), capture(stack, true)]);
    assert.equal(fast.status, 0, fast.stderr);
    assert.equal(sdk.status, 0, sdk.stderr);
    const run = JSON.parse(fast.stdout) as CapturedRun;
    assert.ok(run.resources.length > 50, "the run registered the stack's resources");
    assert.ok(Object.keys(run.outputs).length > 3, "the run exported the stack's outputs");
    assert.equal(fast.stdout, sdk.stdout);
  });
}
