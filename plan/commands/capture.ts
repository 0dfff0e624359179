/**
 * Child-process entry of the offline diff and the benchmark: runs the program once under the
 * recording mocks and prints the captured run as JSON on stdout (or writes it to --out).
 *
 *   node plan/commands/launch.cjs plan/commands/capture.ts --stack <name> [--config-file <path>] [--out <file>]
 *
 * Pulumi's runtime state is global, so each run needs its own process. `--against-ref` runs the
 * older tree's own capture entry (plan/diff/capture-child.ts). Exit 0: captured; 1: the program
 * failed (the message is on stderr); 2: bad arguments.
 */
import "../sdk/fast-start";
import { readFileSync, writeFileSync } from "node:fs";
import { applyOfflineSpeedups } from "../sdk/offline-speed";
import { runProgram } from "../runtime/run";
import { loadStackConfig, parseStackConfig, readProjectName } from "../runtime/stack-config";

// Offline only, as in plan/commands/plan.ts: skip the SDK's per-resource stack traces.
applyOfflineSpeedups();

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const stack = argValue(args, "--stack");
  const configFile = argValue(args, "--config-file");
  const out = argValue(args, "--out");
  if (!stack) {
    process.stderr.write("usage: capture-cli --stack <name> [--config-file <path>] [--out <file>]\n");
    return 2;
  }
  // Anything the program logs goes to stderr: stdout carries only the JSON.
  console.log = console.error;
  console.info = console.error;
  const config = configFile ? parseStackConfig(readFileSync(configFile, "utf8"), readProjectName()) : loadStackConfig(stack);
  const result = await runProgram({ stack, config });
  if (!result.ok) {
    const issues = (result.error as Error & { issues?: unknown[] }).issues;
    process.stderr.write(`${result.error.message}${issues ? `\n${JSON.stringify(issues, null, 2)}` : ""}\n`);
    return 1;
  }
  const json = JSON.stringify(result.run);
  if (out) writeFileSync(out, json);
  else await new Promise<void>((resolve) => process.stdout.write(json + "\n", () => resolve()));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`capture failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
