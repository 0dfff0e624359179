/**
 * `npm run plan -- --stack prod --against dev` and `--against-ref <git ref>`: captures both sides,
 * each in its own child process, and prints the diff. `--against dev` answers "what does stack prod
 * do when its config moves from Pulumi.dev.yaml to Pulumi.prod.yaml" (both runs are made as stack
 * prod); `--against-ref` compares the same stack at another commit. Exit 0: diff printed (whatever it
 * replaces or deletes: that is information); 1: diff printed, but it holds a refused change, one the
 * provider would silently not apply (see rules.ts); 2: a side could not be captured.
 */
import { join } from "node:path";
import { captureInChild, materialiseRef } from "./capture-child";
import { diffRuns } from "./engine";
import type { RunDiff } from "./engine";
import { renderDiffJson, renderDiffMarkdown } from "./render";

export interface DiffCommand {
  root: string;
  stack: string;
  /** Stack config file for the "after" side (default Pulumi.<stack>.yaml). */
  configFile?: string;
  againstStack?: string;
  againstRef?: string;
}

export async function computeDiff(cmd: DiffCommand): Promise<RunDiff> {
  if (cmd.againstRef !== undefined) {
    const tree = materialiseRef(cmd.root, cmd.againstRef);
    try {
      const [before, after] = await Promise.all([
        captureInChild({ root: tree.dir, stack: cmd.againstStack ?? cmd.stack }),
        captureInChild({ root: cmd.root, stack: cmd.stack, ...(cmd.configFile ? { configFile: cmd.configFile } : {}) }),
      ]);
      const beforeLabel = `${cmd.againstRef} (${tree.commit.slice(0, 10)})`;
      return diffRuns(before, after, { before: beforeLabel, after: "working tree" });
    } finally {
      tree.dispose();
    }
  }
  // One stack evolving from the other stack's config: both runs carry --stack's name, so names
  // derived from the stack name (log groups) compare equal, as they would in that stack's state.
  const againstStack = cmd.againstStack ?? cmd.stack;
  const [before, after] = await Promise.all([
    captureInChild({ root: cmd.root, stack: cmd.stack, configFile: join(cmd.root, `Pulumi.${againstStack}.yaml`) }),
    captureInChild({ root: cmd.root, stack: cmd.stack, ...(cmd.configFile ? { configFile: cmd.configFile } : {}) }),
  ]);
  return diffRuns(before, after, { before: `Pulumi.${againstStack}.yaml`, after: cmd.configFile ?? `Pulumi.${cmd.stack}.yaml` });
}

/** 1 when the diff holds a change the plan refuses, 0 otherwise. */
export function exitCodeFor(diff: RunDiff): 0 | 1 {
  return diff.refused.length > 0 ? 1 : 0;
}

export async function runDiffCommand(cmd: DiffCommand, json: boolean): Promise<number> {
  try {
    const diff = await computeDiff(cmd);
    process.stdout.write((json ? renderDiffJson(diff) : renderDiffMarkdown(diff)) + "\n");
    return exitCodeFor(diff);
  } catch (e) {
    process.stderr.write(`diff failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}
