/**
 * What the lab does to the machine, and how it undoes it on every exit path. Every namespace and
 * process the lab creates is recorded, in memory and in a state file in the lab's runtime
 * directory, before it exists; teardown kills the recorded processes by PID (after checking the PID
 * still runs the recorded program), deletes the recorded namespaces and the runtime directory
 * (keys included). Teardown runs from the test's own `after`, on process exit, on SIGINT, SIGTERM
 * and SIGHUP, and at the start of the next lab for a lab whose process died without it (SIGKILL).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program and waits for it. Arguments never carry a key: keys travel in 0600 files or on stdin only. */
export function run(program: string, args: string[], options: { input?: string; timeoutMs?: number; check?: boolean } = {}): RunResult {
  const r = spawnSync(program, args, {
    input: options.input ?? "",
    encoding: "utf8",
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 64 << 20,
  });
  const result = { code: r.status ?? (r.signal ? 128 : 1), stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  if (options.check !== false && result.code !== 0) {
    throw new Error(
      `${program} ${args.join(" ")} failed (${result.code}${r.error ? `, ${r.error.message}` : ""}): ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  return result;
}

/** Runs a command inside a namespace. */
export function inNs(ns: string, args: string[], options: { input?: string; timeoutMs?: number; check?: boolean } = {}): RunResult {
  return run("ip", ["netns", "exec", ns, ...args], options);
}

/**
 * `ip` commands collected and run as one `ip -batch` per namespace (one program start instead of
 * one per command): first the namespaces, then the links between them (from the root namespace),
 * then each namespace's own commands, in the order given. Optional commands may fail.
 */
export class IpBatch {
  private readonly namespaces: string[] = [];
  private readonly links: string[] = [];
  private readonly perNs = new Map<string, { lines: string[]; optional: string[] }>();

  namespace(name: string): void {
    this.namespaces.push(`netns add ${name}`);
    this.add(name, "link set lo up");
  }

  link(line: string): void {
    this.links.push(line);
  }

  private of(ns: string): { lines: string[]; optional: string[] } {
    let entry = this.perNs.get(ns);
    if (!entry) {
      entry = { lines: [], optional: [] };
      this.perNs.set(ns, entry);
    }
    return entry;
  }

  add(ns: string, ...lines: string[]): void {
    this.of(ns).lines.push(...lines);
  }

  optional(ns: string, ...lines: string[]): void {
    this.of(ns).optional.push(...lines);
  }

  run(): void {
    const batch = (args: string[], lines: string[], force = false) => {
      if (lines.length > 0) run("ip", [...args, ...(force ? ["-force"] : []), "-batch", "-"], { input: lines.join("\n") + "\n" });
    };
    batch([], [...this.namespaces, ...this.links]);
    for (const [ns, { lines }] of this.perNs) batch(["-n", ns], lines);
    for (const [ns, { optional }] of this.perNs)
      if (optional.length > 0) run("ip", ["-n", ns, "-force", "-batch", "-"], { input: optional.join("\n") + "\n", check: false });
  }
}

interface LabState {
  owner: number;
  namespaces: string[];
  processes: { pid: number; comm: string }[];
  dir: string;
  /** Whether FRR's crash-log directory existed before the lab (FRR creates it; the lab removes it again if empty). */
  frrTmpExisted: boolean;
}

const statePrefix = "cgwlab-";

/** The record of one lab: what to undo. */
export class LabRecord {
  readonly dir: string;
  private readonly state: LabState;
  private torn = false;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), statePrefix));
    // Traversable for FRR's unprivileged daemons; each file sets its own mode.
    chmodSync(this.dir, 0o711);
    this.state = { owner: process.pid, namespaces: [], processes: [], dir: this.dir, frrTmpExisted: existsSync("/var/tmp/frr") };
    this.save();
    active.add(this);
    installHandlers();
  }

  private save(): void {
    writeFileSync(join(this.dir, "state.json"), JSON.stringify(this.state), { mode: 0o600 });
  }

  namespace(name: string): void {
    this.state.namespaces.push(name);
    this.save();
  }

  process(pid: number, comm: string): void {
    this.state.processes.push({ pid, comm });
    this.save();
  }

  get namespaces(): readonly string[] {
    return this.state.namespaces;
  }

  get processes(): readonly { pid: number; comm: string }[] {
    return this.state.processes;
  }

  /** Undoes everything recorded. Synchronous, so it can run in an exit handler. Returns its duration in seconds. */
  teardown(): number {
    const t0 = Date.now();
    if (this.torn) return 0;
    this.torn = true;
    undo(this.state);
    active.delete(this);
    return (Date.now() - t0) / 1000;
  }
}

/** The program a live process runs; undefined once it has exited (a zombie waiting for its parent counts as exited). */
function commOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const open = stat.indexOf("(");
    const close = stat.lastIndexOf(")");
    if (stat.slice(close + 2, close + 3) === "Z") return undefined;
    return stat.slice(open + 1, close);
  } catch {
    return undefined;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function undo(state: LabState): void {
  const ours = state.processes.filter((p) => commOf(p.pid) === p.comm);
  for (const p of ours) {
    try {
      process.kill(p.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  for (let i = 0; i < 50 && ours.some((p) => commOf(p.pid) === p.comm); i++) sleepSync(100);
  for (const p of ours.filter((q) => commOf(q.pid) === q.comm)) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  for (const ns of state.namespaces) {
    if (existsSync(`/run/netns/${ns}`)) run("ip", ["netns", "del", ns], { check: false });
  }
  // FRR keeps a per-process directory under /var/tmp/frr for crash logs (a path fixed when FRR is
  // built, not one the lab chooses).
  for (const p of state.processes) rmSync(`/var/tmp/frr/${p.comm}.${p.pid}`, { recursive: true, force: true });
  rmSync(state.dir, { recursive: true, force: true });
  if (!state.frrTmpExisted) {
    try {
      rmdirSync("/var/tmp/frr");
    } catch {
      /* not empty (another FRR uses it) or absent */
    }
  }
}

const active = new Set<LabRecord>();

function teardownAll(): void {
  for (const lab of [...active]) lab.teardown();
}

let handlersInstalled = false;

/**
 * Exit and signal handlers tear down every lab of the process. Process-wide by nature, so the set
 * of live labs is too; installed with the first lab, so code that only imports the lab's modules
 * (the unit tests of its pure parts) keeps Node's own signal handling.
 */
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", teardownAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      teardownAll();
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
}

/** Undoes labs whose process died without tearing down (killed with SIGKILL). Returns how many. */
export function sweepAbandonedLabs(): number {
  let swept = 0;
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(statePrefix)) continue;
    const file = join(tmpdir(), entry, "state.json");
    if (!existsSync(file)) continue;
    let state: LabState;
    try {
      state = JSON.parse(readFileSync(file, "utf8")) as LabState;
    } catch {
      continue;
    }
    if (state.owner === process.pid || commOf(state.owner) !== undefined) continue;
    undo({ ...state, dir: join(tmpdir(), entry) });
    swept++;
  }
  return swept;
}
