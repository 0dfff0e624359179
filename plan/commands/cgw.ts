/**
 * Customer-gateway kit: `npm run cgw -- --stack <name> [--gateway <name>] [--out <dir>] [--outputs <file>]`.
 * Runs the program offline under recording mocks (as the plan does) and writes, per customer
 * gateway, `<out>/<gateway>/` with swanctl.conf, strongswan-aws.conf, interfaces.sh, fill-keys.sh,
 * frr.conf and README.md. Before deploy AWS's outside addresses are placeholders; `--outputs` takes
 * the JSON of `pulumi stack output --json` and puts the real ones in. No key is ever written.
 * Exit 0: written. Exit 1: invalid config, unknown gateway, outputs that do not match the stack.
 */
import "../sdk/fast-start";
import { Command } from "commander";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatIssue } from "../../infra/settings/errors";
import { keyPlaceholderPrefix, parseStackOutputs, placeholdersIn, renderKits } from "../cgw";
import { isSettingsError, runProgram } from "../runtime/run";
import { applyOfflineSpeedups } from "../sdk/offline-speed";
import { loadStackConfig, parseStackConfig, readProjectName, stackFilePath } from "../runtime/stack-config";

applyOfflineSpeedups();

async function main(): Promise<number> {
  const program = new Command()
    .name("cgw")
    .description("Device configuration (strongSwan + FRR) for each customer gateway of a stack")
    .requiredOption("-s, --stack <name>", "stack name (reads Pulumi.<name>.yaml)")
    .option("-g, --gateway <name>", "only this customer gateway")
    .option("-o, --out <dir>", "directory to write <gateway>/<file> into", "cgw-kit")
    .option("--outputs <file>", "the JSON of 'pulumi stack output --json' of the deployed stack: AWS's outside addresses")
    .option("--config-file <path>", "read the stack config from this file instead of Pulumi.<stack>.yaml")
    .parse(process.argv);
  const opts = program.opts<{ stack: string; gateway?: string; out: string; outputs?: string; configFile?: string }>();
  const file = opts.configFile ?? stackFilePath(opts.stack);
  if (!existsSync(file)) {
    process.stderr.write(`error: no stack config file ${opts.configFile ?? `Pulumi.${opts.stack}.yaml`}\n`);
    return 2;
  }
  let deployed;
  if (opts.outputs !== undefined) {
    if (!existsSync(opts.outputs)) {
      process.stderr.write(`error: no outputs file ${opts.outputs}\n`);
      return 2;
    }
    try {
      deployed = parseStackOutputs(readFileSync(opts.outputs, "utf8"), opts.outputs);
    } catch (e) {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  const config = opts.configFile ? parseStackConfig(readFileSync(file, "utf8"), readProjectName()) : loadStackConfig(opts.stack);
  const result = await runProgram({ stack: opts.stack, config });
  if (!result.ok) {
    if (isSettingsError(result.error)) {
      process.stderr.write(`Invalid configuration in ${opts.configFile ?? `Pulumi.${opts.stack}.yaml`}:\n`);
      for (const issue of result.error.issues) process.stderr.write(`  - ${formatIssue(issue)}\n`);
    } else process.stderr.write(`The program failed: ${result.error.message}\n`);
    return 1;
  }
  let kits;
  try {
    kits = renderKits(result.run, { ...(opts.gateway !== undefined ? { gateway: opts.gateway } : {}), ...(deployed ? { deployed } : {}) });
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  for (const kit of kits) {
    const dir = join(opts.out, kit.gateway.name);
    mkdirSync(dir, { recursive: true });
    let placeholders = 0;
    for (const [name, text] of Object.entries(kit.files)) {
      const path = join(dir, name);
      // The keys are not in these files, but swanctl.conf becomes a secret once they are filled in.
      writeFileSync(path, text);
      chmodSync(path, name.endsWith(".sh") ? 0o755 : name === "swanctl.conf" ? 0o600 : 0o644);
      if (name !== "README.md") placeholders += placeholdersIn(text).filter((p) => !p.startsWith(keyPlaceholderPrefix)).length;
    }
    const tunnels = kit.gateway.connections.reduce((n, c) => n + c.tunnels.length, 0);
    process.stdout.write(
      `${kit.gateway.name}: ${tunnels} tunnels of ${kit.gateway.connections.map((c) => c.name).join(", ")} -> ${resolve(dir)}` +
        (placeholders > 0 ? ` (AWS outside IPs are placeholders: render again with --outputs after deploy)` : "") +
        "\n",
    );
  }
  if (kits.length === 0) process.stdout.write(`stack ${opts.stack}: no customer gateway with a VPN connection\n`);
  return 0;
}

/** Exits once everything written so far has been flushed (the SDK's runtime would keep the process alive). */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main().then(exitAfterFlush, (e: unknown) => {
  process.stderr.write(`cgw failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  exitAfterFlush(2);
});
