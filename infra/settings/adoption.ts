/**
 * A spoke that adopts an existing VPC (`spokes[].existing`, docs/adopt.md): where its Transit Gateway
 * attachment subnets go, and the adopted VPC as the spoke's component takes it. The rules that check
 * the block first are in rules/adoption.ts and rules/adoption-egress.ts.
 */
import { isIpv4Cidr, nthBlock, prefixLength, within } from "../lib/cidr";
import type { AttachmentSubnet } from "../vocabulary/vpc";
import type { ParsedConfig } from "./schema";
import type { AdoptedVpcSettings } from "./types";

/** The config of a spoke that adopts a VPC. */
export type ParsedSpoke = ParsedConfig["spokes"][number];
export type ParsedExistingVpc = NonNullable<ParsedSpoke["existing"]>;

/** Attachment subnets are /28s: the Transit Gateway guide's best practice, a small subnet per AZ for the attachment alone. */
export const attachmentSubnetPrefix = 28;

/** Two CIDR blocks overlap when one lies inside the other (blocks are nested or disjoint). */
export function cidrsOverlap(a: string, b: string): boolean {
  return within(a, b) || within(b, a);
}

/**
 * One free /28 per availability zone in an adopted VPC: the highest blocks of the VPC's CIDR that
 * overlap none of `taken` (existing subnets usually fill a VPC from its start), handed to the zones in
 * ascending address order. Undefined when the VPC has fewer free /28s than zones.
 *
 * The result depends on the subnets listed: listing another one, or retiring the public subnets, can
 * move it. Once deployed, pin the blocks in `existing.attachmentSubnets` (a subnet's CIDR is create-time).
 */
export function findAttachmentSubnets(vpcCidr: string, taken: string[], availabilityZones: string[]): AttachmentSubnet[] | undefined {
  if (!isIpv4Cidr(vpcCidr) || prefixLength(vpcCidr) > attachmentSubnetPrefix) return undefined;
  const occupied = taken.filter(isIpv4Cidr);
  const free: string[] = [];
  const blocks = 2 ** (attachmentSubnetPrefix - prefixLength(vpcCidr));
  for (let i = blocks - 1; i >= 0 && free.length < availabilityZones.length; i--) {
    const block = nthBlock(vpcCidr, attachmentSubnetPrefix, i);
    if (!occupied.some((t) => cidrsOverlap(block, t))) free.push(block);
  }
  if (free.length < availabilityZones.length) return undefined;
  const ascending = free.reverse();
  return availabilityZones.flatMap((availabilityZone, i) => {
    const cidr = ascending[i];
    return cidr === undefined ? [] : [{ availabilityZone, cidr }];
  });
}

/** The adopted VPC with its attachment subnets resolved. Called once the rules have passed: every reference resolves. */
export function resolveExistingVpc(spoke: ParsedSpoke & { existing: ParsedExistingVpc }): AdoptedVpcSettings {
  const existing = spoke.existing;
  const configured = existing.attachmentSubnets;
  const found = configured
    ? undefined
    : findAttachmentSubnets(
        spoke.cidr,
        existing.subnets.map((s) => s.cidr),
        spoke.availabilityZones,
      );
  return {
    vpcId: existing.vpcId,
    enableDnsSupport: existing.enableDnsSupport,
    enableDnsHostnames: existing.enableDnsHostnames,
    ...(existing.internetGatewayId !== undefined ? { internetGatewayId: existing.internetGatewayId } : {}),
    subnets: existing.subnets.map((s) => ({
      name: s.name,
      id: s.id,
      cidr: s.cidr,
      availabilityZone: s.availabilityZone,
      public: s.public,
      mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
      routeTable: s.routeTable ?? "",
    })),
    routeTables: existing.routeTables.map((t) => ({
      name: t.name,
      id: t.id,
      ...(t.natGateway !== undefined ? { natGateway: t.natGateway } : {}),
    })),
    natGateways: existing.natGateways.map((n) => ({ ...n })),
    attachmentSubnets: configured ? configured.map((a) => ({ ...a })) : (found ?? []),
    attachmentSubnetsFound: configured === undefined,
  };
}
