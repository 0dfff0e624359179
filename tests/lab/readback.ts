/**
 * What the daemons and kernels say, read back for the lab's assertions: the SAs charon negotiated
 * (`swanctl --list-sas --raw`), mapped to AWS's algorithm names through a table of its own (not
 * the kit's translation, so a wrong entry there cannot pass unseen); FRR's sessions and routes
 * (`show bgp ... json`); the kernels' routes and interface counters (`ip -j`).
 */
import { readFileSync } from "node:fs";
import type { AwsTunnelOptions } from "../../plan/cgw/tunnel-options";
import type { Charon, Frr } from "./daemons";
import { swanctl, vtyshJson } from "./daemons";
import { run } from "./system";

/** A section of vici's raw output: settings, lists and sub-sections by name. */
export type Vici = { [key: string]: string | string[] | Vici };

/** Parses `swanctl --raw` output: one `list-sa event {<name> {...}}` line per IKE SA. */
export function parseViciRaw(text: string): Vici[] {
  const events: Vici[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("list-sa event {") || !line.endsWith("}")) continue;
    const body = line.slice("list-sa event {".length, -1);
    const tokens = body.match(/[^\s{}=[\]]+=\[[^\]]*\]|[^\s{}=]+=[^\s{}]*|[^\s{}=]+(?= \{)|\{|\}/g) ?? [];
    const root: Vici = {};
    const stack: Vici[] = [root];
    let pending: string | undefined;
    for (const token of tokens) {
      const top = stack[stack.length - 1] as Vici;
      if (token === "{") {
        const section: Vici = {};
        top[pending ?? `#${Object.keys(top).length}`] = section;
        pending = undefined;
        stack.push(section);
      } else if (token === "}") stack.pop();
      else if (token.includes("=")) {
        const at = token.indexOf("=");
        const value = token.slice(at + 1);
        top[token.slice(0, at)] = value.startsWith("[") ? value.slice(1, -1).split(/\s+/).filter(Boolean) : value;
      } else pending = token;
    }
    events.push(...Object.values(root).filter((v): v is Vici => typeof v === "object" && !Array.isArray(v)));
  }
  return events;
}

export interface IkeSa {
  state: string;
  /** Initiator and responder SPI: a rekeyed IKE SA has new ones. */
  spis: string;
  version: string;
  encryption: string;
  integrity?: string;
  prf: string;
  dhGroup: string;
  rekeyIn: number;
  children: ChildSa[];
}

export interface ChildSa {
  state: string;
  uniqueId: string;
  spiIn: string;
  encryption: string;
  integrity?: string;
  dhGroup?: string;
  rekeyIn: number;
  lifeIn: number;
  localTs: string[];
  remoteTs: string[];
  encap: boolean;
}

const s = (v: Vici[string] | undefined): string => (typeof v === "string" ? v : "");

/** The IKE SAs one charon holds. */
export function ikeSas(c: Charon): IkeSa[] {
  return parseViciRaw(swanctl(c, ["--list-sas", "--raw"], false)).map((sa) => ({
    state: s(sa.state),
    spis: `${s(sa["initiator-spi"])}/${s(sa["responder-spi"])}`,
    version: s(sa.version),
    encryption: `${s(sa["encr-alg"])}/${s(sa["encr-keysize"])}`,
    ...(sa["integ-alg"] ? { integrity: s(sa["integ-alg"]) } : {}),
    prf: s(sa["prf-alg"]),
    dhGroup: s(sa["dh-group"]),
    rekeyIn: Number(s(sa["rekey-time"])),
    children: Object.values((sa["child-sas"] as Vici | undefined) ?? {})
      .filter((c): c is Vici => typeof c === "object" && !Array.isArray(c))
      .map((c) => ({
        state: s(c.state),
        uniqueId: s(c.uniqueid),
        spiIn: s(c["spi-in"]),
        encryption: `${s(c["encr-alg"])}/${s(c["encr-keysize"])}`,
        ...(c["integ-alg"] ? { integrity: s(c["integ-alg"]) } : {}),
        ...(c["dh-group"] ? { dhGroup: s(c["dh-group"]) } : {}),
        rekeyIn: Number(s(c["rekey-time"])),
        lifeIn: Number(s(c["life-time"])),
        localTs: (c["local-ts"] as string[] | undefined) ?? [],
        remoteTs: (c["remote-ts"] as string[] | undefined) ?? [],
        encap: c.encap === "yes",
      })),
  }));
}

/** strongSwan's names of negotiated algorithms, in AWS's terms (AWS tunnel options; strongSwan's IANA names). */
const encryptionNames: Record<string, string> = {
  "AES_CBC/128": "AES128",
  "AES_CBC/256": "AES256",
  "AES_GCM_16/128": "AES128-GCM-16",
  "AES_GCM_16/256": "AES256-GCM-16",
};
const integrityNames: Record<string, string> = {
  HMAC_SHA1_96: "SHA1",
  HMAC_SHA2_256_128: "SHA2-256",
  HMAC_SHA2_384_192: "SHA2-384",
  HMAC_SHA2_512_256: "SHA2-512",
  PRF_HMAC_SHA1: "SHA1",
  PRF_HMAC_SHA2_256: "SHA2-256",
  PRF_HMAC_SHA2_384: "SHA2-384",
  PRF_HMAC_SHA2_512: "SHA2-512",
};
const dhNames: Record<string, number> = {
  MODP_1024: 2,
  MODP_1536: 5,
  MODP_2048: 14,
  MODP_3072: 15,
  MODP_4096: 16,
  MODP_6144: 17,
  MODP_8192: 18,
  ECP_256: 19,
  ECP_384: 20,
  ECP_521: 21,
  MODP_1024_160: 22,
  MODP_2048_224: 23,
  MODP_2048_256: 24,
};

/** A negotiated SA in AWS's terms: "AES256-GCM-16, PRF SHA2-384, DH 20". */
export interface Negotiated {
  encryption: string;
  integrity?: string;
  prf?: string;
  dhGroup?: number;
}

export function inAwsTerms(sa: { encryption: string; integrity?: string; prf?: string; dhGroup?: string }): Negotiated {
  return {
    encryption: encryptionNames[sa.encryption] ?? `unknown ${sa.encryption}`,
    ...(sa.integrity ? { integrity: integrityNames[sa.integrity] ?? `unknown ${sa.integrity}` } : {}),
    ...(sa.prf ? { prf: integrityNames[sa.prf] ?? `unknown ${sa.prf}` } : {}),
    ...(sa.dhGroup ? { dhGroup: dhNames[sa.dhGroup] ?? -1 } : {}),
  };
}

/** What in a negotiated SA lies outside the tunnel's options (empty: all allowed). */
export function outsideOptions(n: Negotiated, o: AwsTunnelOptions, phase: 1 | 2): string[] {
  const enc = phase === 1 ? o.phase1EncryptionAlgorithms : o.phase2EncryptionAlgorithms;
  const integ = phase === 1 ? o.phase1IntegrityAlgorithms : o.phase2IntegrityAlgorithms;
  const dh = phase === 1 ? o.phase1DhGroupNumbers : o.phase2DhGroupNumbers;
  const bad: string[] = [];
  if (!(enc as string[]).includes(n.encryption)) bad.push(`encryption ${n.encryption} not in ${enc.join("/")}`);
  if (n.integrity !== undefined && !(integ as string[]).includes(n.integrity))
    bad.push(`integrity ${n.integrity} not in ${integ.join("/")}`);
  if (n.prf !== undefined && !(integ as string[]).includes(n.prf)) bad.push(`PRF ${n.prf} not in ${integ.join("/")}`);
  if (n.dhGroup !== undefined && !dh.includes(n.dhGroup)) bad.push(`DH ${n.dhGroup} not in ${dh.join("/")}`);
  if (n.integrity === undefined && !n.encryption.includes("GCM")) bad.push(`no integrity with ${n.encryption}`);
  return bad;
}

export function describe(n: Negotiated): string {
  return [n.encryption, n.integrity, n.prf ? `PRF ${n.prf}` : undefined, n.dhGroup !== undefined ? `DH ${n.dhGroup}` : undefined]
    .filter(Boolean)
    .join(", ");
}

export interface BgpPeer {
  remoteAs: number;
  localAs: number;
  state: string;
  pfxRcd?: number;
  connectionsDropped?: number;
}

export function bgpPeers(f: Frr): Record<string, BgpPeer> {
  return vtyshJson<{ ipv4Unicast?: { peers?: Record<string, BgpPeer> } }>(f, "show bgp summary json").ipv4Unicast?.peers ?? {};
}

/** Prefixes accepted from a neighbor (after the inbound policy). */
export function acceptedFrom(f: Frr, neighbor: string): string[] {
  return Object.keys(
    vtyshJson<{ routes?: Record<string, unknown> }>(f, `show bgp ipv4 unicast neighbors ${neighbor} routes json`).routes ?? {},
  ).sort();
}

/** Prefixes a neighbor sent, before the inbound policy (needs soft-reconfiguration inbound). */
export function receivedFrom(f: Frr, neighbor: string): string[] {
  return Object.keys(
    vtyshJson<{ receivedRoutes?: Record<string, unknown> }>(f, `show bgp ipv4 unicast neighbors ${neighbor} received-routes json`)
      .receivedRoutes ?? {},
  ).sort();
}

/** The devices of a kernel route's nexthops (empty: no route). */
export function routeDevices(ns: string, prefix: string): string[] {
  const routes = JSON.parse(run("ip", ["-j", "-n", ns, "route", "show", prefix]).stdout || "[]") as {
    dev?: string;
    nexthops?: { dev: string }[];
  }[];
  const route = routes[0];
  if (!route) return [];
  return (route.nexthops?.map((n) => n.dev) ?? (route.dev ? [route.dev] : [])).sort();
}

/** The device a packet from `source` to `target` entering on `iif` would leave by. */
export function routeGet(ns: string, target: string, source: string, iif?: string): { dev?: string; gateway?: string } {
  const args = ["-j", "-n", ns, "route", "get", target, "from", source, ...(iif ? ["iif", iif] : [])];
  const [r] = JSON.parse(run("ip", args).stdout || "[]") as { dev?: string; gateway?: string }[];
  return r ?? {};
}

export function txPackets(ns: string, dev: string): number {
  const [link] = JSON.parse(run("ip", ["-j", "-s", "-n", ns, "link", "show", "dev", dev]).stdout) as {
    stats64: { tx: { packets: number } };
  }[];
  return link?.stats64.tx.packets ?? 0;
}

/** Pings every pair once, in parallel, from the namespace: the pairs whose echo came back. */
export function pingAll(ns: string, pairs: { source: string; target: string }[]): Set<string> {
  const script = 'while read s d; do (ping -n -c 1 -W 3 -I "$s" "$d" >/dev/null 2>&1 && echo "ok $s $d") & done; wait';
  const out = run("ip", ["netns", "exec", ns, "sh", "-c", script], {
    input: pairs.map((p) => `${p.source} ${p.target}`).join("\n") + "\n",
    timeoutMs: 30_000,
  });
  return new Set(
    out.stdout
      .split("\n")
      .filter((l) => l.startsWith("ok "))
      .map((l) => l.slice(3)),
  );
}

/** Resident and proportional memory of processes, in kB. */
export function memoryOf(pids: number[]): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      rss += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      pss += Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return { rss, pss };
}

/** Lines of a daemon's log where FRR rejected a configuration line (it skips the line and carries on). */
export function configErrors(log: string): string[] {
  return log
    .split("\n")
    .filter((l) => /No such command|Unknown command|Command incomplete|Ambiguous command|configuration file .* failed/i.test(l));
}

/** The nftables ruleset of a kit's interfaces.sh (its here-document). */
export function nftRulesOf(script: string): string {
  const m = /nft -f - <<'EOF'\n([\s\S]*?)\nEOF\n/.exec(script);
  if (!m?.[1]) throw new Error("interfaces.sh holds no nftables ruleset");
  return m[1] + "\n";
}
