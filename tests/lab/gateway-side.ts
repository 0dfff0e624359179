/**
 * The customer gateway in the lab, taken from its RENDERED kit, changed only where the lab's
 * machine forces it. The machine has no kernel ESP and no XFRM interfaces, so ESP runs in charon's
 * user-space kernel-libipsec, which serves one TUN device per charon with no if_id. Hence, and only
 * hence:
 *  - swanctl.conf is split into one file per tunnel (one charon per tunnel), each with the
 *    tunnel's connection and its secret;
 *  - `if_id_in`/`if_id_out` are dropped (the TUN device of that charon stands in for the XFRM
 *    interface with that if_id);
 *  - `encap = yes` is set (kernel-libipsec handles ESP in UDP only);
 *  - interfaces.sh is read, not run: each `tunnel NAME IF_ID ADDRESS` line names the TUN device of
 *    the charon whose CHILD_SA has that if_id and gives it the address and the script's MTU.
 * Everything else (proposals, lifetimes, DPD, identities, keys, selectors, start/close actions,
 * the charon settings of strongswan-aws.conf, and frr.conf whole) reaches the daemons unchanged.
 */
import type { KitFile } from "../../plan/cgw";
import type { Section } from "./conf-syntax";
import { mustChild, parseConf, removeSetting, sections, serializeConf, setValue, valueOf } from "./conf-syntax";

export interface LabTunnelInterface {
  name: string;
  ifId: number;
  /** The gateway's inside address with its prefix (169.254.10.2/30). */
  address: string;
  mtu: number;
}

export interface LabGatewayTunnel {
  /** The swanctl connection name (`vpn-1-tunnel1`). */
  name: string;
  ifId: number;
  localAddress: string;
  remoteAddress: string;
  /** This tunnel's swanctl.conf for its own charon (holds the key: write it to a 0600 file only). */
  swanctlConf: string;
  interface: LabTunnelInterface;
}

export interface LabGatewayForm {
  tunnels: LabGatewayTunnel[];
  /** Settings of strongswan-aws.conf's `charon` section, for every charon of this gateway. */
  charonSettings: Section;
  frrConf: string;
}

/** The `tunnel NAME IF_ID ADDRESS/30` lines and the MTU of interfaces.sh. */
export function readInterfaces(script: string): LabTunnelInterface[] {
  const mtu = /ip link set "\$1" mtu (\d+) up/.exec(script)?.[1];
  if (mtu === undefined) throw new Error("interfaces.sh sets no MTU on its tunnel interfaces");
  const out: LabTunnelInterface[] = [];
  for (const line of script.split("\n")) {
    const m = /^tunnel (\S+) (\d+) (\d+\.\d+\.\d+\.\d+\/\d+)\b/.exec(line);
    if (m?.[1] && m[2] && m[3]) out.push({ name: m[1], ifId: Number(m[2]), address: m[3], mtu: Number(mtu) });
  }
  if (out.length === 0) throw new Error("interfaces.sh creates no tunnel interface");
  return out;
}

function ifIdOf(connection: Section): number {
  const ids = new Set<string>();
  for (const childSa of sections(mustChild(connection, "children"))) {
    for (const key of ["if_id_in", "if_id_out"]) {
      const v = removeSetting(childSa, key);
      if (v === undefined) throw new Error(`${connection.name}: CHILD_SA ${childSa.name} has no ${key}: not a route-based configuration`);
      ids.add(v);
    }
  }
  for (const key of ["if_id_in", "if_id_out"]) {
    const v = removeSetting(connection, key);
    if (v !== undefined) ids.add(v);
  }
  if (ids.size !== 1) throw new Error(`${connection.name}: if_id_in and if_id_out differ (${[...ids].join(", ")})`);
  return Number([...ids][0]);
}

/** The lab form of a gateway's kit; `swanctlConf` is the rendered swanctl.conf with the keys filled in by fill-keys.sh. */
export function labGateway(files: Record<KitFile, string>, swanctlConf: string): LabGatewayForm {
  const swanctl = parseConf(swanctlConf);
  const secrets = sections(mustChild(swanctl, "secrets"));
  const interfaces = readInterfaces(files["interfaces.sh"]);
  const tunnels = sections(mustChild(swanctl, "connections")).map((connection): LabGatewayTunnel => {
    const ifId = ifIdOf(connection);
    setValue(connection, "encap", "yes");
    const localId = valueOf(mustChild(connection, "local"), "id");
    const remoteId = valueOf(mustChild(connection, "remote"), "id");
    const secret = secrets.filter((s) => {
      const ids = s.entries
        .filter((e) => e.kind === "setting" && e.key.startsWith("id"))
        .map((e) => (e.kind === "setting" ? e.raw.replace(/"/g, "") : ""));
      return ids.includes(localId ?? "") && ids.includes(remoteId ?? "");
    });
    if (secret.length !== 1)
      throw new Error(`${connection.name}: ${secret.length} secrets for identities ${localId} and ${remoteId} (expected 1)`);
    const iface = interfaces.filter((i) => i.ifId === ifId);
    if (iface.length !== 1 || !iface[0])
      throw new Error(`${connection.name}: ${iface.length} interfaces with if_id ${ifId} in interfaces.sh (expected 1)`);
    const conf: Section = {
      kind: "section",
      name: "",
      entries: [
        { kind: "section", name: "connections", entries: [connection] },
        { kind: "section", name: "secrets", entries: secret },
      ],
    };
    return {
      name: connection.name,
      ifId,
      localAddress: valueOf(connection, "local_addrs") ?? "",
      remoteAddress: valueOf(connection, "remote_addrs") ?? "",
      swanctlConf: serializeConf(conf),
      interface: iface[0],
    };
  });
  const unused = interfaces.filter((i) => !tunnels.some((t) => t.ifId === i.ifId));
  if (unused.length > 0)
    throw new Error(`interfaces.sh creates ${unused.map((i) => i.name).join(", ")} with no swanctl connection of that if_id`);
  const charonSettings = mustChild(parseConf(files["strongswan-aws.conf"]), "charon");
  return { tunnels, charonSettings, frrConf: files["frr.conf"] };
}
