/**
 * A tunnel that silently drops every packet (nftables on its outside link, in the gateway's
 * endpoint namespace), with a flow through it: how long until both kernels have taken the tunnel
 * out of their ECMP routes, how long the flow saw no reply, and how long the tunnel takes to come
 * back once the link carries packets again. No BFD (AWS's VPN offers none): detection is the BGP
 * hold timer, with DPD acting on the SAs.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { addressWithin } from "../../infra/lib/cidr";
import { setTimeout as sleep } from "node:timers/promises";
import { waitFor } from "./daemons";
import type { Lab, LabTunnel, PingPair } from "./lab";
import { bgpPeers, routeDevices, routeGet } from "./readback";
import { run } from "./system";

export interface FailoverResult {
  tunnel: string;
  flow: PingPair;
  /** Whether the flow's request and its reply both crossed the broken tunnel before the break. */
  bothWays: boolean;
  /** Seconds from the break until the gateway's, then the TGW's kernel no longer routed over the tunnel. */
  gatewayRouteGone?: number;
  awsRouteGone?: number;
  /** The longest gap between two echo replies after the break, and when replies resumed (seconds). */
  outage: number;
  resumedAfter: number;
  lostReplies: number;
  /** Seconds from restoring the link until the tunnel's BGP sessions were Established and both kernels used it again. */
  recovered?: number;
}

const breakRules = `table inet labfail {
  chain in { type filter hook input priority 0; iifname "wan" drop; }
  chain out { type filter hook output priority 0; oifname "wan" drop; }
}
`;

/** A flow of the ping set whose forward path leaves by the tunnel (and, when one exists, whose reply returns by it). */
function flowThrough(lab: Lab, t: LabTunnel): { flow: PingPair; bothWays: boolean } {
  const gateway = lab.gateways.find((g) => g.name === t.gateway);
  if (!gateway) throw new Error(`no gateway ${t.gateway}`);
  let forwardOnly: PingPair | undefined;
  for (const p of lab.pings) {
    const first = routeGet(lab.names.onprem, p.target, p.source);
    if (first.gateway !== gateway.lan.gateway) continue;
    if (routeGet(gateway.ns, p.target, p.source, "lan").dev !== t.cgw.interface) continue;
    const spoke = lab.aws.spokes.findIndex((s) => s.host === p.target);
    if (routeGet(lab.names.tgw, p.source, p.target, `s${spoke}`).dev === t.aws.interface) return { flow: p, bothWays: true };
    forwardOnly ??= p;
  }
  if (!forwardOnly) throw new Error(`no flow of the ping set crosses ${t.name}`);
  return { flow: forwardOnly, bothWays: false };
}

function replies(file: string, after: number): { times: number[]; lost: number } {
  const times: number[] = [];
  let lost = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^\[(\d+\.\d+)\] (\d+ bytes from|no answer yet)/.exec(line);
    if (!m) continue;
    if (m[2] === "no answer yet") {
      if (Number(m[1]) > after) lost++;
    } else times.push(Number(m[1]));
  }
  return { times, lost };
}

export async function breakTunnel(lab: Lab, t: LabTunnel): Promise<FailoverResult> {
  const { flow, bothWays } = flowThrough(lab, t);
  const gateway = lab.gateways.find((g) => g.name === t.gateway);
  if (!gateway?.frr || !lab.tgw) throw new Error("routing is not running");
  const spokePrefix = lab.aws.spokes.find((s) => s.host === flow.target)?.cidr ?? "";
  const zonePrefix = lab.model.settings.onPrem.zones.flatMap((z) => z.cidrs).find((c) => addressWithin(flow.source, c)) ?? "";
  const out = join(lab.record.dir, `failover-${t.name}.txt`);
  const fd = openSync(out, "w", 0o600);
  const ping = spawn(
    "ip",
    ["netns", "exec", lab.names.onprem, "ping", "-D", "-n", "-O", "-i", "0.1", "-W", "1", "-w", "180", "-I", flow.source, flow.target],
    {
      stdio: ["ignore", fd, fd],
    },
  );
  closeSync(fd);
  if (ping.pid !== undefined) lab.record.process(ping.pid, "ping");
  try {
    await sleep(2000);
    const broken = Date.now() / 1000;
    run("ip", ["netns", "exec", t.cgw.ns, "nft", "-f", "-"], { input: breakRules });
    let gatewayRouteGone: number | undefined;
    let awsRouteGone: number | undefined;
    await waitFor(
      () => {
        const now = Date.now() / 1000 - broken;
        if (gatewayRouteGone === undefined && !routeDevices(gateway.ns, spokePrefix).includes(t.cgw.interface)) gatewayRouteGone = now;
        if (awsRouteGone === undefined && !routeDevices(lab.names.tgw, zonePrefix).includes(t.aws.interface)) awsRouteGone = now;
        return gatewayRouteGone !== undefined && awsRouteGone !== undefined;
      },
      90_000,
      100,
    );
    await sleep(3000);
    const restored = Date.now();
    run("ip", ["netns", "exec", t.cgw.ns, "nft", "delete", "table", "inet", "labfail"]);
    const tunnelCount = lab.tunnels.filter((x) => x.gateway === t.gateway).length;
    const back = await waitFor(
      () =>
        bgpPeers(gateway.frr!)[t.aws.address.split("/")[0] ?? ""]?.state === "Established" &&
        bgpPeers(lab.tgw!)[t.cgw.address.split("/")[0] ?? ""]?.state === "Established" &&
        routeDevices(gateway.ns, spokePrefix).length === tunnelCount &&
        routeDevices(lab.names.tgw, zonePrefix).includes(t.aws.interface),
      150_000,
      200,
    );
    const recovered = back ? (Date.now() - restored) / 1000 : undefined;
    const { times, lost } = replies(out, broken);
    let outage = 0;
    let resumedAfter = 0;
    for (let i = 1; i < times.length; i++) {
      const prev = times[i - 1] as number;
      const cur = times[i] as number;
      if (cur > broken && cur - prev > outage) {
        outage = cur - prev;
        resumedAfter = cur - broken;
      }
    }
    return {
      tunnel: t.name,
      flow,
      bothWays,
      ...(gatewayRouteGone !== undefined ? { gatewayRouteGone } : {}),
      ...(awsRouteGone !== undefined ? { awsRouteGone } : {}),
      outage,
      resumedAfter,
      lostReplies: lost,
      ...(recovered !== undefined ? { recovered } : {}),
    };
  } finally {
    if (ping.pid !== undefined) {
      try {
        process.kill(ping.pid, "SIGTERM");
      } catch {
        /* ended */
      }
    }
  }
}
