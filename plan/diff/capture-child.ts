/**
 * Captures a run in a child process (one program run per process: Pulumi's runtime is global),
 * in this tree or in another commit's tree materialised from git.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CapturedRun } from "../runtime/captured-run";
import { heapArgs, launcher } from "../runtime/entries";

export interface CaptureRequest {
  /** Project root holding Pulumi.yaml, infra/ and plan/. */
  root: string;
  stack: string;
  /** Stack config file to use instead of Pulumi.<stack>.yaml. */
  configFile?: string;
  /** The child's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export class CaptureError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "CaptureError";
  }
}

/**
 * The capture entry of a tree: plan/commands/capture.ts, or plan/capture-cli.ts in trees from before
 * the plan folder was split by concern. Both print the same captured-run JSON; a tree with neither
 * is too old to capture.
 */
export function captureEntry(root: string): string {
  for (const entry of [join(root, "plan", "commands", "capture.ts"), join(root, "plan", "capture-cli.ts")]) {
    if (existsSync(entry)) return entry;
  }
  throw new Error(`${root} has no capture entry (plan/commands/capture.ts or plan/capture-cli.ts): the commit is too old to capture`);
}

/** Runs the capture entry of `root` in a child process and returns the captured run. */
export function captureInChild(req: CaptureRequest): Promise<CapturedRun> {
  const entry = captureEntry(req.root);
  const dir = mkdtempSync(join(tmpdir(), "capture-"));
  const out = join(dir, "run.json");
  const args = [
    ...heapArgs(),
    // This checkout's launcher also for an older tree: both sides are compiled the same way.
    launcher,
    entry,
    "--stack",
    req.stack,
    "--out",
    out,
    ...(req.configFile ? ["--config-file", req.configFile] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: req.root, env: req.env ?? process.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        if (code !== 0) {
          reject(new CaptureError(`capturing stack ${req.stack} in ${req.root} failed (exit ${code}): ${stderr.trim()}`, stderr));
          return;
        }
        resolve(JSON.parse(readFileSync(out, "utf8")) as CapturedRun);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

export interface MaterialisedTree {
  dir: string;
  commit: string;
  dispose(): void;
}

/**
 * Extracts the tree of a git ref into a temporary directory (git archive | tar -x) and links this
 * checkout's node_modules into it. The tree is captured by its own capture entry (its program with
 * its own capture runtime), compiled by this checkout's launcher.
 */
export function materialiseRef(root: string, ref: string): MaterialisedTree {
  const rev = spawnSync("git", ["-C", root, "rev-parse", "--verify", `${ref}^{commit}`], { encoding: "utf8" });
  if (rev.status !== 0) throw new Error(`unknown git ref ${JSON.stringify(ref)}: ${rev.stderr.trim()}`);
  const commit = rev.stdout.trim();
  const dir = mkdtempSync(join(tmpdir(), "tree-"));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const archive = spawnSync("git", ["-C", root, "archive", "--format=tar", commit], { maxBuffer: 1 << 30 });
    if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString().trim()}`);
    const tar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
    if (tar.status !== 0) throw new Error(`extracting ${ref} failed: ${tar.stderr.toString().trim()}`);
    if (!existsSync(join(dir, "node_modules"))) symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
    captureEntry(dir);
  } catch (e) {
    dispose();
    throw e;
  }
  return { dir, commit, dispose };
}
