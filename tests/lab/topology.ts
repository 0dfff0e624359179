/**
 * Names and addresses of the lab, decided before anything is created. All traffic stays in the
 * lab's namespaces, on documentation (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), link-local
 * and private ranges: the outside addresses AWS would assign at deploy are taken from
 * 192.0.2.0/24, and the lab refuses a stack whose customer gateway has an address outside the
 * documentation ranges.
 */
import { addressWithin, hostAddress, overlaps } from "../../infra/lib/cidr";
import type { DeployedConnections } from "../../plan/cgw/outputs";
import type { CapturedRun } from "../../plan/runtime/captured-run";
import { ofType, resourceById } from "../../plan/runtime/run-index";
import { awsTypes } from "../../plan/runtime/types";

export const documentationRanges = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"];

export function isDocumentationAddress(address: string): boolean {
  return documentationRanges.some((r) => addressWithin(address, r));
}

/** Throws unless every address is in a documentation range: the lab never uses another outside address. */
export function assertDocumentationAddresses(addresses: string[]): void {
  const bad = addresses.filter((a) => !isDocumentationAddress(a));
  if (bad.length > 0) throw new Error(`the lab uses documentation addresses only; refusing ${bad.join(", ")}`);
}

/**
 * What `pulumi stack output --json` would say after deploy, with AWS's outside addresses taken from
 * 192.0.2.0/24 (skipping any customer gateway address there): the lab renders the kits with it,
 * as the network team does after deploy.
 */
export function labStackOutputs(run: CapturedRun): { vpnConnections: DeployedConnections } {
  const taken = new Set(ofType(run, awsTypes.cgw).map((g) => String(g.inputs.ipAddress)));
  let next = 101;
  const address = () => {
    for (; next < 255; next++) {
      const a = `192.0.2.${next}`;
      if (!taken.has(a)) {
        next++;
        return a;
      }
    }
    throw new Error("the lab ran out of outside addresses in 192.0.2.0/24");
  };
  const vpnConnections: DeployedConnections = {};
  for (const vpn of ofType(run, awsTypes.vpn)) {
    const gateway = resourceById(run, vpn.inputs.customerGatewayId);
    vpnConnections[vpn.name] = {
      ...(gateway ? { customerGateway: gateway.name } : {}),
      tunnels: [1, 2].map((n) => {
        const cidr = String(vpn.inputs[`tunnel${n}InsideCidr`]);
        return {
          outsideAddress: address(),
          insideCidr: cidr,
          awsInsideAddress: hostAddress(cidr, 1),
          customerInsideAddress: hostAddress(cidr, 2),
          awsBgpAsn: String(vpn.outputs[`tunnel${n}BgpAsn`] ?? ""),
        };
      }),
    };
  }
  return { vpnConnections };
}

export interface LabNames {
  prefix: string;
  onprem: string;
  tgw: string;
  gateway(i: number): string;
  gatewayEndpoint(i: number, j: number): string;
  awsEndpoint(k: number): string;
  spoke(j: number): string;
}

export function labNames(prefix: string): LabNames {
  return {
    prefix,
    onprem: `${prefix}-onprem`,
    tgw: `${prefix}-tgw`,
    gateway: (i) => `${prefix}-gw${i}`,
    gatewayEndpoint: (i, j) => `${prefix}-gw${i}-t${j}`,
    awsEndpoint: (k) => `${prefix}-aws-t${k}`,
    spoke: (j) => `${prefix}-spoke${j}`,
  };
}

/** The on-prem LAN between the core and gateway `i`: private, checked against every prefix the stack uses. */
export function lanOf(i: number, stackPrefixes: string[]): { cidr: string; core: string; gateway: string } {
  const cidr = `172.16.${i + 1}.0/24`;
  const clash = stackPrefixes.find((p) => overlaps(p, cidr));
  if (clash) throw new Error(`the lab's on-prem LAN ${cidr} overlaps ${clash} of the stack`);
  return { cidr, core: hostAddress(cidr, 1), gateway: hostAddress(cidr, 2) };
}
