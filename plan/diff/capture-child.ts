/**
 * Captures a run in a child process (one program run per process: Pulumi's runtime is global),
 * in this tree or in another commit's tree materialised from git.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CapturedRun } from "../capture";
import { launcher } from "../ts-loader";

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

/** Runs plan/capture-cli.ts of `root` in a child process and returns the captured run. */
export function captureInChild(req: CaptureRequest): Promise<CapturedRun> {
  const dir = mkdtempSync(join(tmpdir(), "capture-"));
  const out = join(dir, "run.json");
  const args = [
    // This checkout's launcher also for an older tree: both sides are compiled the same way.
    launcher,
    join(req.root, "plan", "capture-cli.ts"),
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
 * Extracts the tree of a git ref into a temporary directory (git archive | tar -x), links this
 * checkout's node_modules into it, and installs this checkout's capture entry so that both sides of
 * the diff are captured the same way.
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
    for (const file of ["capture-cli.ts", "fast-start.ts", "offline-speed.ts", "lazy-outputs.ts"])
      copyFileSync(join(root, "plan", file), join(dir, "plan", file));
  } catch (e) {
    dispose();
    throw e;
  }
  return { dir, commit, dispose };
}
