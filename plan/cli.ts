/**
 * Offline plan: `npm run plan -- --stack <name> [--json]`.
 * Runs the real program under recording mocks with Pulumi.<stack>.yaml, no cloud account, no
 * Pulumi CLI. Exit 0: planned. Exit 1: invalid config (every error listed) or a failed intent.
 */
import { Command } from "commander";
import { existsSync } from "node:fs";
import { formatIssue } from "../infra/settings/errors";
import { buildReport } from "./build-report";
import { isSettingsError, runProgram } from "./run";
import { loadStackConfig, stackFilePath } from "./stack-config";

async function main(): Promise<number> {
  const program = new Command()
    .name("plan")
    .description("Offline plan of a stack: what the program builds, without a cloud account")
    .requiredOption("-s, --stack <name>", "stack name (reads Pulumi.<name>.yaml)")
    .option("--json", "machine-readable output")
    .parse(process.argv);
  const opts = program.opts<{ stack: string; json?: boolean }>();
  if (!existsSync(stackFilePath(opts.stack))) {
    process.stderr.write(`error: no stack file ${stackFilePath(opts.stack).split("/").pop()} in the project\n`);
    return 2;
  }
  const result = await runProgram({ stack: opts.stack, config: loadStackConfig(opts.stack) });
  if (!result.ok) {
    const issues = isSettingsError(result.error) ? result.error.issues : undefined;
    if (opts.json) {
      process.stdout.write(
        JSON.stringify(
          { stack: opts.stack, ok: false, errors: issues ?? [{ message: result.error.message }], resources: result.run.resources.length },
          null,
          2,
        ) + "\n",
      );
    } else if (issues) {
      process.stderr.write(`Invalid configuration in Pulumi.${opts.stack}.yaml: ${issues.length} error${issues.length === 1 ? "" : "s"}\n`);
      for (const issue of issues) process.stderr.write(`  - ${formatIssue(issue)}\n`);
      process.stderr.write(`Nothing was planned (${result.run.resources.length} resources registered).\n`);
    } else {
      process.stderr.write(`The program failed: ${result.error.stack ?? result.error.message}\n`);
    }
    return 1;
  }
  const report = buildReport(result.run);
  process.stdout.write((opts.json ? report.json : report.markdown) + "\n");
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`plan failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
