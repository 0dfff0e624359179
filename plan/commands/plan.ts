/**
 * Offline plan: `npm run plan -- --stack <name> [--json]`.
 * Runs the real program under recording mocks with Pulumi.<stack>.yaml, no cloud account, no
 * Pulumi CLI. Exit 0: planned. Exit 1: invalid config (every error listed) or a failed intent.
 */
import "../sdk/fast-start";
import { Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { formatIssue } from "../../infra/settings/errors";
import { buildReport } from "../report/build";
import { isSettingsError, runProgram } from "../runtime/run";
import { applyOfflineSpeedups } from "../sdk/offline-speed";
import { loadStackConfig, parseStackConfig, projectRoot, readProjectName, stackFilePath } from "../runtime/stack-config";

// Offline only: skip the stack traces the SDK records per resource and promise (plan/sdk/offline-speed.ts).
applyOfflineSpeedups();

/** Resources the program registered, not counting the stack itself. */
function registered(run: { resources: { type: string }[] }): number {
  return run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
}

async function main(): Promise<number> {
  const program = new Command()
    .name("plan")
    .description("Offline plan of a stack: what the program builds, without a cloud account")
    .requiredOption("-s, --stack <name>", "stack name (reads Pulumi.<name>.yaml)")
    .option("--json", "machine-readable output")
    .option("--config-file <path>", "read the stack config from this file instead of Pulumi.<stack>.yaml")
    .option("--all-flows", "with --json: every flow between every pair of networks, however large the stack")
    .option("--against <stack>", "diff against another stack's config: what --stack does when its config moves from that one")
    .option("--against-ref <git ref>", "diff against the same stack at another commit")
    .parse(process.argv);
  const opts = program.opts<{
    stack: string;
    json?: boolean;
    allFlows?: boolean;
    configFile?: string;
    against?: string;
    againstRef?: string;
  }>();
  if (opts.against !== undefined || opts.againstRef !== undefined) {
    // Loaded only for a diff: the plain plan does not pay for it. A require, not import(): the
    // TypeScript loader (esbuild-register, plan/runtime/entries.ts) compiles what require loads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runDiffCommand } = require("../diff/command") as typeof import("../diff/command");
    return runDiffCommand(
      { root: projectRoot, stack: opts.stack, configFile: opts.configFile, againstStack: opts.against, againstRef: opts.againstRef },
      !!opts.json,
    );
  }
  const file = opts.configFile ?? stackFilePath(opts.stack);
  if (!existsSync(file)) {
    process.stderr.write(`error: no stack config file ${opts.configFile ?? `Pulumi.${opts.stack}.yaml`}\n`);
    return 2;
  }
  const config = opts.configFile ? parseStackConfig(readFileSync(file, "utf8"), readProjectName()) : loadStackConfig(opts.stack);
  const result = await runProgram({ stack: opts.stack, config });
  if (!result.ok) {
    const issues = isSettingsError(result.error) ? result.error.issues : undefined;
    if (opts.json) {
      process.stdout.write(
        JSON.stringify(
          { stack: opts.stack, ok: false, errors: issues ?? [{ message: result.error.message }], resources: registered(result.run) },
          null,
          2,
        ) + "\n",
      );
    } else if (issues) {
      process.stderr.write(
        `Invalid configuration in ${opts.configFile ?? `Pulumi.${opts.stack}.yaml`}: ${issues.length} error${issues.length === 1 ? "" : "s"}\n`,
      );
      for (const issue of issues) process.stderr.write(`  - ${formatIssue(issue)}\n`);
      process.stderr.write(`Nothing was planned: ${registered(result.run)} resources registered.\n`);
    } else {
      process.stderr.write(`The program failed: ${result.error.stack ?? result.error.message}\n`);
    }
    return 1;
  }
  const report = buildReport(result.run, { allFlows: !!opts.allFlows });
  if (opts.json) await writePieces([...[report.jsonPieces()], ["\n"]]);
  else process.stdout.write(report.markdown + "\n");
  return report.ok ? 0 : 1;
}

/** Writes the pieces to stdout in blocks, waiting for the pipe when it is full (every flow of a large stack is gigabytes). */
async function writePieces(parts: Iterable<string>[]): Promise<void> {
  let block: string[] = [];
  let size = 0;
  const flush = async () => {
    if (block.length === 0) return;
    const text = block.join("");
    block = [];
    size = 0;
    if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()));
  };
  for (const part of parts)
    for (const piece of part) {
      block.push(piece);
      size += piece.length;
      if (size >= 1 << 20) await flush();
    }
  await flush();
}

/** Exits once everything written so far has been flushed (a pipe takes large reports in pieces). */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main().then(exitAfterFlush, (e: unknown) => {
  process.stderr.write(`plan failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  exitAfterFlush(2);
});
