/**
 * Starting the lab's daemons: a charon per tunnel endpoint, zebra and bgpd per router. Each runs in
 * its namespace with private files under the lab's runtime directory, is recorded (PID and program)
 * before anything waits on it, and is stopped by PID at teardown.
 */
import { execFileSync, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { chownSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Section } from "./conf-syntax";
import { serializeConf } from "./conf-syntax";
import type { LabRecord } from "./system";
import { run } from "./system";

export const charonPath = "/usr/lib/ipsec/charon";
export const zebraPath = "/usr/lib/frr/zebra";
export const bgpdPath = "/usr/lib/frr/bgpd";

/** The lab's part of a charon's strongswan.conf: plugins for user-space ESP, no routes, a log file per instance. */
function charonConf(settings: Section | undefined): string {
  const extra = settings ? serializeConf(settings, "  ") : "";
  return [
    "charon {",
    // kernel-libipsec before kernel-netlink: ESP in user space through a TUN device.
    "  load = random nonce openssl pem pkcs1 kdf aes sha1 sha2 hmac gcm kernel-libipsec kernel-netlink socket-default vici",
    "  install_routes = no",
    "  install_virtual_ip = no",
    "  filelog {",
    "    lab {",
    "      path = /run/charon.log",
    "      time_format = %s",
    "      time_add_ms = yes",
    "      flush_line = yes",
    "      default = 1",
    "    }",
    "  }",
    ...(extra ? [extra.replace(/\n$/, "")] : []),
    "}",
    "swanctl {",
    "  load = random nonce openssl pem pkcs1",
    "}",
    "",
  ].join("\n");
}

export interface Charon {
  ns: string;
  dir: string;
  pid: number;
  vici: string;
  log: string;
  conf: string;
}

/** Starts charon in `ns` with a private /run (its PID file, vici socket and log) under `dir`. */
export function startCharon(record: LabRecord, ns: string, dir: string, settings: Section | undefined): Charon {
  const runDir = join(dir, "run");
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  const conf = join(dir, "strongswan.conf");
  writeFileSync(conf, charonConf(settings), { mode: 0o600 });
  const out = openSync(join(dir, "charon.out"), "w", 0o600);
  // `ip netns exec` gives the command its own mount namespace: the bind mount stays private to it.
  const child = spawn("ip", ["netns", "exec", ns, "sh", "-c", `mount --bind '${runDir}' /run && exec ${charonPath}`], {
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, STRONGSWAN_CONF: conf },
  });
  closeSync(out);
  if (child.pid === undefined) throw new Error(`charon in ${ns} did not start`);
  child.unref();
  record.process(child.pid, "charon");
  return { ns, dir, pid: child.pid, vici: join(runDir, "charon.vici"), log: join(runDir, "charon.log"), conf };
}

/** swanctl against one charon. */
export function swanctl(c: Charon, args: string[], check = true): string {
  return run("swanctl", [...args, "--uri", `unix://${c.vici}`], { check, timeoutMs: 20_000 }).stdout;
}

export interface Frr {
  ns: string;
  dir: string;
  zebra: number;
  bgpd: number;
}

let frrIds: { uid: number; gid: number } | undefined;
function frrUser(): { uid: number; gid: number } {
  frrIds ??= {
    uid: Number(execFileSync("id", ["-u", "frr"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "frr"], { encoding: "utf8" }).trim()),
  };
  return frrIds;
}

/** Starts zebra and bgpd in `ns`; bgpd reads `bgpdConf` (a kit's frr.conf, or the emulated TGW's). */
export async function startFrr(record: LabRecord, ns: string, dir: string, bgpdConf: string): Promise<Frr> {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const { uid, gid } = frrUser();
  chownSync(dir, uid, gid);
  writeFileSync(join(dir, "zebra.conf"), `hostname ${ns}\n`, { mode: 0o640 });
  writeFileSync(join(dir, "bgpd.conf"), bgpdConf, { mode: 0o640 });
  writeFileSync(join(dir, "vtysh.conf"), "", { mode: 0o640 });
  for (const f of ["zebra.conf", "bgpd.conf", "vtysh.conf"]) chownSync(join(dir, f), uid, gid);
  const start = (daemon: string, path: string, conf: string): number => {
    const out = openSync(join(dir, `${daemon}.out`), "w", 0o644);
    const child = spawn(
      "ip",
      [
        "netns",
        "exec",
        ns,
        path,
        "-P",
        "0",
        "-z",
        join(dir, "zserv.api"),
        "--vty_socket",
        dir,
        "-i",
        join(dir, `${daemon}.pid`),
        "-f",
        join(dir, conf),
        "--log",
        `file:${join(dir, `${daemon}.log`)}`,
      ],
      { detached: true, stdio: ["ignore", out, out] },
    );
    closeSync(out);
    if (child.pid === undefined) throw new Error(`${daemon} in ${ns} did not start`);
    child.unref();
    record.process(child.pid, daemon);
    return child.pid;
  };
  const zebra = start("zebra", zebraPath, "zebra.conf");
  await waitUntil(() => existsSync(join(dir, "zserv.api")), 10_000, `zebra in ${ns} did not open its socket (${join(dir, "zebra.log")})`);
  const bgpd = start("bgpd", bgpdPath, "bgpd.conf");
  await waitUntil(() => existsSync(join(dir, "bgpd.vty")), 10_000, `bgpd in ${ns} did not open its vty socket (${join(dir, "bgpd.log")})`);
  return { ns, dir, zebra, bgpd };
}

/** vtysh against one router's daemons. */
export function vtysh(f: Frr, command: string): string {
  return run("vtysh", ["--vty_socket", f.dir, "--config_dir", f.dir, "-c", command], { timeoutMs: 20_000 }).stdout;
}

export function vtyshJson<T>(f: Frr, command: string): T {
  const text = vtysh(f, command);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`vtysh '${command}' in ${f.ns} did not return JSON: ${text.slice(0, 200)}`);
  }
}

/** Polls `ok` every `stepMs` until it holds (true) or `timeoutMs` passes (false). */
export async function waitFor(ok: () => boolean, timeoutMs: number, stepMs = 100): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) return false;
    await sleep(stepMs);
  }
  return true;
}

/** Like waitFor, but throws `message` when `ok` never held. */
export async function waitUntil(ok: () => boolean, timeoutMs: number, message: string): Promise<void> {
  if (!(await waitFor(ok, timeoutMs))) throw new Error(message);
}
