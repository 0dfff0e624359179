/**
 * `npm run stacks [-- --root <dir>]`: which stack files are deployed and which are example states,
 * and whether two deployed stacks would build two hubs for one on-prem router (plan/stack-files.ts).
 * The deploy workflow runs it before `pulumi up`. Exit 0: no problem; 1: problems (on stderr).
 */
import { Command } from "commander";
import { checkStackFiles, deployedStacks, readStackFiles } from "../stack-files";
import { projectRoot } from "../runtime/stack-config";

function main(): number {
  const opts = new Command()
    .name("stacks")
    .description("Check the stack files: deployed ones never collide, examples name a deployed stack")
    .option("--root <dir>", "project directory holding Pulumi.yaml and the stack files", projectRoot)
    .parse(process.argv)
    .opts<{ root: string }>();
  const files = readStackFiles(opts.root);
  const deployed = deployedStacks(files);
  const examples = files.filter((f) => f.exampleOf !== undefined).map((f) => `${f.stack} (of ${f.exampleOf})`);
  process.stdout.write(`deployed: ${deployed.join(", ") || "none"}\n`);
  process.stdout.write(`example states (planned, never deployed): ${examples.map((e) => e.split(" ")[0]).join(", ") || "none"}\n`);
  if (examples.length > 0) process.stdout.write(`  ${examples.join(", ")}\n`);
  const issues = checkStackFiles(files);
  if (issues.length === 0) return 0;
  process.stderr.write(
    `${deployed.length} deployed stacks would collide: ${issues.length} problem${issues.length === 1 ? "" : "s"} (docs/ci.md, "One network")\n`,
  );
  for (const i of issues) process.stderr.write(`  - [${i.rule}] ${i.message}\n`);
  return 1;
}

process.exitCode = main();
