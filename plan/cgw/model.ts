/**
 * The customer gateways as the device configuration needs them, read from what the program
 * registered: each CustomerGateway with its VPN connections (their tunnels' options and inside
 * CIDRs), the Transit Gateway's ASN, the prefixes on-prem announces (run.settings: the advertised
 * zones and the default route) and the spoke CIDRs on-prem learns (the registered spoke VPCs that
 * reach on-prem). AWS's outside addresses exist only after deploy: they come from the stack's
 * outputs when given, and stay unknown (rendered as placeholders) otherwise. Pure: no I/O.
 */
import { hostAddress, isIpv4Address, isIpv4Cidr, prefixLength, within } from "../../infra/lib/cidr";
import { buildRouteModel } from "../analysis/model";
import type { CapturedResource, CapturedRun } from "../runtime/captured-run";
import { awsTypes } from "../runtime/types";
import { ofType, resourceById } from "../runtime/run-index";
import type { DeployedConnections } from "./outputs";
import type { AwsTunnelOptions } from "./tunnel-options";
import { tunnelOptionsOf } from "./tunnel-options";

/** AWS's Amazon-side ASN when a transit gateway sets none (aws-facts: "default 64512"). */
export const defaultAmazonSideAsn = 64512;

export interface TunnelPlan {
  connection: string;
  tunnel: 1 | 2;
  /** swanctl connection and CHILD_SA name: `<connection>-tunnel<n>`. */
  name: string;
  /** The XFRM interface carrying the tunnel. */
  interfaceName: string;
  /** XFRM interface id, from the inside CIDR: 169.254.A.B/30 -> A * 256 + B, unique because inside CIDRs are. */
  ifId: number;
  insideCidr: string;
  /** AWS takes the first host of the /30, the customer gateway the second (aws-facts, "Tunnel inside CIDRs"). */
  awsInsideAddress: string;
  customerInsideAddress: string;
  /** AWS's outside address: unknown until the connection is deployed. */
  awsOutsideAddress?: string;
  options: AwsTunnelOptions;
  /** Who made the key: the program (generated or from config) or AWS. Never the key itself. */
  keyMadeBy: "program" | "aws";
}

export interface ConnectionPlan {
  name: string;
  routing: "bgp" | "static";
  accelerated: boolean;
  keyStorage: "Standard" | "SecretsManager";
  /** The Secrets Manager secret of the keys (deployed SecretsManager connections only). */
  keyArn?: string;
  tunnels: [TunnelPlan, TunnelPlan];
}

export interface GatewayPlan {
  project: string;
  stack: string;
  name: string;
  deviceName?: string;
  /** The address AWS knows the gateway by: its IKE identity. */
  outsideAddress: string;
  asn: number;
  /** The Transit Gateway's ASN: the BGP peer of every tunnel. */
  awsAsn: number;
  /** Whether the TGW spreads traffic over all tunnels (VPN ECMP support). */
  awsEcmp: boolean;
  connections: ConnectionPlan[];
  /** What on-prem announces over BGP: the advertised zones' prefixes, then 0.0.0.0/0 if on-prem is the default route. */
  announces: { prefix: string; zone: string }[];
  /** What on-prem accepts: the CIDRs of the spokes on-prem may reach, exactly. */
  accepts: { prefix: string; spoke: string }[];
  /** True when AWS's outside addresses came from the stack outputs. */
  deployed: boolean;
}

/** The name the device gives a tunnel's interface: `<connection>-t<n>` when it fits Linux's 15 characters. */
export function interfaceNameFor(connection: string, tunnel: 1 | 2, ifId: number): string {
  const name = `${connection}-t${tunnel}`;
  return name.length <= 15 ? name : `xfrm${ifId}`;
}

export function ifIdFor(insideCidr: string): number {
  const m = /^169\.254\.(\d+)\.(\d+)\/30$/.exec(insideCidr);
  if (!m) throw new Error(`${insideCidr} is not a /30 in 169.254.0.0/16`);
  return Number(m[1]) * 256 + Number(m[2]);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function asnOf(gateway: CapturedResource): number {
  const raw = gateway.inputs.bgpAsn ?? gateway.inputs.bgpAsnExtended;
  const asn = Number(raw);
  if (!Number.isInteger(asn) || asn < 1)
    throw new Error(`customer gateway ${gateway.name}: no BGP ASN registered (${JSON.stringify(raw)})`);
  return asn;
}

function tunnelPlan(vpn: CapturedResource, n: 1 | 2, deployed: DeployedConnections | undefined): TunnelPlan {
  const insideCidr = str(vpn.inputs[`tunnel${n}InsideCidr`]);
  if (!insideCidr || !isIpv4Cidr(insideCidr) || prefixLength(insideCidr) !== 30 || !within(insideCidr, "169.254.0.0/16")) {
    throw new Error(
      `${vpn.name} tunnel ${n}: no IPv4 /30 inside CIDR in 169.254.0.0/16 registered (${JSON.stringify(insideCidr)}); pin it in the stack config`,
    );
  }
  const ifId = ifIdFor(insideCidr);
  const plan: TunnelPlan = {
    connection: vpn.name,
    tunnel: n,
    name: `${vpn.name}-tunnel${n}`,
    interfaceName: interfaceNameFor(vpn.name, n, ifId),
    ifId,
    insideCidr,
    awsInsideAddress: hostAddress(insideCidr, 1),
    customerInsideAddress: hostAddress(insideCidr, 2),
    options: tunnelOptionsOf(vpn, n),
    keyMadeBy: vpn.inputs[`tunnel${n}PresharedKey`] !== undefined ? "program" : "aws",
  };
  const out = deployed?.[vpn.name]?.tunnels[n - 1];
  if (out) {
    const where = `${vpn.name} tunnel ${n}`;
    if (!isIpv4Address(out.outsideAddress))
      throw new Error(`${where}: the outputs' outside address ${JSON.stringify(out.outsideAddress)} is not an IPv4 address`);
    for (const [field, expected] of [
      ["insideCidr", plan.insideCidr],
      ["awsInsideAddress", plan.awsInsideAddress],
      ["customerInsideAddress", plan.customerInsideAddress],
    ] as const) {
      const got = out[field];
      if (got !== undefined && got !== expected) {
        throw new Error(
          `${where}: the outputs say ${field} ${got}, the stack registers ${expected}: the outputs belong to another stack or a different deployment`,
        );
      }
    }
    plan.awsOutsideAddress = out.outsideAddress;
  }
  return plan;
}

/** Every customer gateway of the run with its connections, in registration order. Throws on what the kit cannot render. */
export function gatewayPlans(run: CapturedRun, deployed?: DeployedConnections): GatewayPlan[] {
  const settings = run.settings;
  if (!settings) throw new Error("the captured run has no settings (the configuration was invalid)");
  const routes = buildRouteModel(run);
  const vpns = ofType(run, awsTypes.vpn);
  const [tgw] = ofType(run, awsTypes.tgw);
  const awsAsn = Number(tgw?.inputs.amazonSideAsn ?? defaultAmazonSideAsn);

  if (deployed) {
    const missing = vpns.filter((v) => deployed[v.name] === undefined).map((v) => v.name);
    if (missing.length > 0) {
      const have = Object.keys(deployed);
      throw new Error(
        `the outputs have no VPN connection ${missing.join(", ")} (they have: ${have.join(", ") || "none"}): pass 'pulumi stack output --json' of stack ${run.stack}, deployed with this configuration`,
      );
    }
  }

  const announces = settings.onPrem.zones
    .filter((z) => settings.onPrem.advertisedZones.includes(z.name))
    .flatMap((z) => z.cidrs.map((prefix) => ({ prefix, zone: z.name })));
  if (settings.onPrem.advertisesDefaultRoute) announces.push({ prefix: "0.0.0.0/0", zone: "default route (egress through on-prem)" });
  const accepts = routes.vpcs.flatMap((v) =>
    v.role.kind === "spoke" && v.role.spoke.onPremZones.length > 0 ? [{ prefix: v.cidr, spoke: v.role.spoke.name }] : [],
  );

  return ofType(run, awsTypes.cgw).map((g): GatewayPlan => {
    if (g.inputs.certificateArn !== undefined)
      throw new Error(`customer gateway ${g.name}: certificate authentication is not rendered by the kit (pre-shared keys only)`);
    const outsideAddress = str(g.inputs.ipAddress);
    if (!outsideAddress || !isIpv4Address(outsideAddress)) throw new Error(`customer gateway ${g.name}: no IPv4 address registered`);
    const connections = vpns
      .filter((v) => resourceById(run, v.inputs.customerGatewayId)?.urn === g.urn)
      .map((v): ConnectionPlan => {
        if ((v.inputs.tunnelInsideIpVersion ?? "ipv4") !== "ipv4")
          throw new Error(`${v.name}: IPv6 tunnel inside addresses are not rendered by the kit`);
        const d = deployed?.[v.name];
        if (d?.customerGateway !== undefined && d.customerGateway !== g.name) {
          throw new Error(`${v.name}: the outputs put it on customer gateway ${d.customerGateway}, the stack on ${g.name}`);
        }
        const keyStorage = v.inputs.presharedKeyStorage === "SecretsManager" ? "SecretsManager" : "Standard";
        return {
          name: v.name,
          routing: v.inputs.staticRoutesOnly === true ? "static" : "bgp",
          accelerated: v.inputs.enableAcceleration === true,
          keyStorage,
          ...(keyStorage === "SecretsManager" && d?.presharedKeyArn ? { keyArn: d.presharedKeyArn } : {}),
          tunnels: [tunnelPlan(v, 1, deployed), tunnelPlan(v, 2, deployed)],
        };
      });
    if (deployed) {
      for (const c of connections) {
        const asn = deployed[c.name]?.tunnels.map((t) => t.awsBgpAsn).find((a) => a !== undefined);
        if (asn !== undefined && Number(asn) !== awsAsn)
          throw new Error(`${c.name}: the outputs say AWS ASN ${asn}, the stack's transit gateway has ${awsAsn}`);
      }
    }
    return {
      project: run.project,
      stack: run.stack,
      name: g.name,
      ...(str(g.inputs.deviceName) ? { deviceName: str(g.inputs.deviceName) } : {}),
      outsideAddress,
      asn: asnOf(g),
      awsAsn,
      awsEcmp: tgw?.inputs.vpnEcmpSupport === "enable",
      connections,
      announces,
      accepts,
      deployed: deployed !== undefined,
    };
  });
}

/** Every tunnel of a gateway, connection by connection. */
export function tunnelsOf(gateway: GatewayPlan): TunnelPlan[] {
  return gateway.connections.flatMap((c) => c.tunnels);
}
