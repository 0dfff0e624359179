/**
 * The AWS side of the lab, emulated from the CAPTURED RESOURCES, never from the gateway's kit: per
 * tunnel, a responder with the tunnel's registered options (in the order AWS evaluates them), its
 * key, its inside address (the first host of the /30) and identities; one BGP router with the
 * Transit Gateway's ASN that announces to each VPN attachment the routes of the TGW route table the
 * attachment is associated with (the route model of plan/analysis), accepts what the gateways
 * announce as AWS does, and spreads traffic over every tunnel when the TGW has VPN ECMP support.
 */
import { hostAddress } from "../../infra/lib/cidr";
import type { RouteModel } from "../../plan/analysis/model";
import type { DeployedConnections } from "../../plan/cgw/outputs";
import type { Retransmission } from "../../plan/cgw/proposals";
import { awsDpdIntervalSeconds, dpdRetransmission, espProposals, ikeProposals } from "../../plan/cgw/proposals";
import type { AwsTunnelOptions } from "../../plan/cgw/tunnel-options";
import { awsEncryptionAlgorithms, awsIntegrityAlgorithms, tunnelOptionsOf } from "../../plan/cgw/tunnel-options";
import { defaultAmazonSideAsn } from "../../plan/cgw/model";
import type { CapturedRun } from "../../plan/runtime/captured-run";
import { ofType, resourceById } from "../../plan/runtime/run-index";
import { awsTypes } from "../../plan/runtime/types";

export interface AwsTunnel {
  connection: string;
  tunnel: 1 | 2;
  name: string;
  gateway: string;
  awsOutside: string;
  customerOutside: string;
  /** AWS's inside address with the /30 (169.254.10.1/30). */
  awsInside: string;
  customerInside: string;
  customerAsn: number;
  options: AwsTunnelOptions;
  /** The tunnel's key from the captured run (a mock value): write it to 0600 files only, never print it. */
  key: string;
  retransmission: Retransmission;
}

export interface AwsSpoke {
  vpc: string;
  cidr: string;
  /** A host of the VPC's first subnet. */
  host: string;
  /** The subnet's VPC router address (its first host, reserved by AWS for the router). */
  router: string;
  subnetCidr: string;
}

export interface AwsSide {
  asn: number;
  ecmp: boolean;
  tunnels: AwsTunnel[];
  /** Connection name -> the prefixes the TGW announces to it. */
  announces: Record<string, string[]>;
  spokes: AwsSpoke[];
}

/** AWS evaluates a customer gateway's proposals from the lowest value it allows, in this order (S2S VPN User Guide, "Tunnel options"). */
export function inAwsOrder(o: AwsTunnelOptions): AwsTunnelOptions {
  const byList =
    <T>(list: readonly T[]) =>
    (a: T, b: T) =>
      list.indexOf(a) - list.indexOf(b);
  return {
    ...o,
    phase1EncryptionAlgorithms: [...o.phase1EncryptionAlgorithms].sort(byList(awsEncryptionAlgorithms)),
    phase2EncryptionAlgorithms: [...o.phase2EncryptionAlgorithms].sort(byList(awsEncryptionAlgorithms)),
    phase1IntegrityAlgorithms: [...o.phase1IntegrityAlgorithms].sort(byList(awsIntegrityAlgorithms)),
    phase2IntegrityAlgorithms: [...o.phase2IntegrityAlgorithms].sort(byList(awsIntegrityAlgorithms)),
    phase1DhGroupNumbers: [...o.phase1DhGroupNumbers].sort((a, b) => a - b),
    phase2DhGroupNumbers: [...o.phase2DhGroupNumbers].sort((a, b) => a - b),
  };
}

function asnOf(r: { inputs: Record<string, unknown> } | undefined): number {
  return Number(r?.inputs.bgpAsn ?? r?.inputs.bgpAsnExtended);
}

/** The emulated AWS side. `deployed` gives the outside addresses the lab assigned (as a deployment would). */
export function awsSide(run: CapturedRun, model: RouteModel, deployed: DeployedConnections): AwsSide {
  const [tgw] = ofType(run, awsTypes.tgw);
  const tunnels: AwsTunnel[] = [];
  const announces: Record<string, string[]> = {};
  const spokeVpcs = new Set<string>();
  for (const vpn of ofType(run, awsTypes.vpn)) {
    const gateway = resourceById(run, vpn.inputs.customerGatewayId);
    if (!gateway) throw new Error(`${vpn.name}: customer gateway not registered`);
    for (const n of [1, 2] as const) {
      const insideCidr = String(vpn.inputs[`tunnel${n}InsideCidr`]);
      const key = vpn.inputs[`tunnel${n}PresharedKey`] ?? vpn.outputs[`tunnel${n}PresharedKey`];
      if (typeof key !== "string") throw new Error(`${vpn.name} tunnel ${n}: no key in the captured run`);
      const awsOutside = deployed[vpn.name]?.tunnels[n - 1]?.outsideAddress;
      if (!awsOutside) throw new Error(`${vpn.name} tunnel ${n}: no outside address assigned`);
      const options = tunnelOptionsOf(vpn, n);
      tunnels.push({
        connection: vpn.name,
        tunnel: n,
        name: `${vpn.name}-tunnel${n}`,
        gateway: gateway.name,
        awsOutside,
        customerOutside: String(gateway.inputs.ipAddress),
        awsInside: `${hostAddress(insideCidr, 1)}/30`,
        customerInside: hostAddress(insideCidr, 2),
        customerAsn: asnOf(gateway),
        options,
        key,
        retransmission: dpdRetransmission(options.dpdTimeoutSeconds),
      });
    }
    // What the TGW announces to this attachment: the active routes of its associated route table.
    const attachment = model.attachments.find((a) => a.kind === "vpn" && a.vpn?.id === vpn.id);
    const routes = model.tgwRoutes.filter(
      (r) => attachment?.associatedTable !== undefined && r.table === attachment.associatedTable && !r.blackhole,
    );
    announces[vpn.name] = [...new Set(routes.map((r) => r.prefix))];
    for (const r of routes) {
      const target = model.attachments.find((a) => a.id === r.attachment);
      if (target?.kind === "vpc" && target.vpcId) spokeVpcs.add(target.vpcId);
    }
  }
  const spokes = model.vpcs
    .filter((v) => spokeVpcs.has(v.id))
    .map((v): AwsSpoke => {
      const subnet = model.subnets.find((s) => s.vpcId === v.id);
      if (!subnet) throw new Error(`VPC ${v.name}: no subnet to put a host in`);
      return {
        vpc: v.name,
        cidr: v.cidr,
        host: hostAddress(subnet.cidr, 10),
        router: hostAddress(subnet.cidr, 1),
        subnetCidr: subnet.cidr,
      };
    });
  return { asn: Number(tgw?.inputs.amazonSideAsn ?? defaultAmazonSideAsn), ecmp: model.tgw?.ecmp ?? false, tunnels, announces, spokes };
}

function version(o: AwsTunnelOptions): number {
  const v1 = o.ikeVersions.includes("ikev1");
  const v2 = o.ikeVersions.includes("ikev2");
  return v1 && v2 ? 0 : v2 ? 2 : 1;
}

/** swanctl.conf of one emulated AWS endpoint: a responder unless AWS's startup action is `start`. */
export function awsSwanctl(t: AwsTunnel): string {
  const o = inAwsOrder(t.options);
  const m = o.rekeyMarginTimeSeconds;
  const fuzz = Math.floor((m * o.rekeyFuzzPercentage) / 100);
  const dpd = o.dpdTimeoutAction === "none" ? 0 : awsDpdIntervalSeconds;
  return [
    "connections {",
    `  ${t.name} {`,
    `    version = ${version(o)}`,
    `    local_addrs = ${t.awsOutside}`,
    `    remote_addrs = ${t.customerOutside}`,
    `    proposals = ${ikeProposals(o).join(", ")}`,
    // AWS rekeys within the margin before the lifetime, at a point drawn from the fuzz.
    `    rekey_time = ${o.phase1LifetimeSeconds - m}s`,
    `    rand_time = ${fuzz}s`,
    `    over_time = ${m}s`,
    `    dpd_delay = ${dpd}s`,
    "    encap = yes",
    "    mobike = no",
    "    local {",
    "      auth = psk",
    `      id = ${t.awsOutside}`,
    "    }",
    "    remote {",
    "      auth = psk",
    `      id = ${t.customerOutside}`,
    "    }",
    "    children {",
    `      ${t.name} {`,
    "        local_ts = 0.0.0.0/0",
    "        remote_ts = 0.0.0.0/0",
    `        esp_proposals = ${espProposals(o).join(", ")}`,
    `        rekey_time = ${o.phase2LifetimeSeconds - m}s`,
    `        rand_time = ${fuzz}s`,
    `        life_time = ${o.phase2LifetimeSeconds}s`,
    `        replay_window = ${o.replayWindowSize}`,
    `        start_action = ${o.startupAction === "start" ? "start" : "none"}`,
    `        dpd_action = ${o.dpdTimeoutAction === "restart" ? "restart" : "clear"}`,
    "      }",
    "    }",
    "  }",
    "}",
    "secrets {",
    `  ike-${t.name} {`,
    `    id-1 = ${t.awsOutside}`,
    `    id-2 = ${t.customerOutside}`,
    `    secret = "${t.key}"`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/** bgpd configuration of the emulated Transit Gateway. */
export function awsBgpd(aws: AwsSide, extraAnnouncements: string[] = []): string {
  const connections = [...new Set(aws.tunnels.map((t) => t.connection))];
  const all = [...new Set([...Object.values(aws.announces).flat(), ...extraAnnouncements])];
  const lines = [
    "frr defaults traditional",
    "hostname tgw",
    "!",
    // AWS takes what the customer gateways announce (up to its prefix quota).
    "route-map FROM-CGW permit 10",
    "exit",
  ];
  for (const c of connections) {
    const prefixes = [...(aws.announces[c] ?? []), ...extraAnnouncements];
    lines.push(
      ...prefixes.map((p, i) => `ip prefix-list TO-${c} seq ${(i + 1) * 10} permit ${p}`),
      prefixes.length > 0 ? `route-map TO-${c} permit 10` : `route-map TO-${c} deny 10`,
      ...(prefixes.length > 0 ? [` match ip address prefix-list TO-${c}`] : []),
      "exit",
    );
  }
  lines.push(
    "!",
    `router bgp ${aws.asn}`,
    ` bgp router-id ${aws.tunnels[0]?.awsInside.split("/")[0] ?? "169.254.0.1"}`,
    " bgp log-neighbor-changes",
    " no bgp network import-check",
    ...aws.tunnels.flatMap((t) => [
      ` neighbor ${t.customerInside} remote-as ${t.customerAsn}`,
      ` neighbor ${t.customerInside} description ${t.connection} tunnel ${t.tunnel}`,
      ` neighbor ${t.customerInside} timers 10 30`,
      ` neighbor ${t.customerInside} timers connect 10`,
    ]),
    " address-family ipv4 unicast",
    ...all.map((p) => `  network ${p}`),
    ...aws.tunnels.flatMap((t) => [
      `  neighbor ${t.customerInside} route-map FROM-CGW in`,
      `  neighbor ${t.customerInside} route-map TO-${t.connection} out`,
      `  neighbor ${t.customerInside} soft-reconfiguration inbound`,
    ]),
    `  maximum-paths ${aws.ecmp ? aws.tunnels.length : 1}`,
    " exit-address-family",
    "exit",
    "",
  );
  return lines.join("\n");
}
