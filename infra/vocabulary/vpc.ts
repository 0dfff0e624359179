// The VPCs' choices and subnet plan, defined once for the stack config (settings/schema.ts,
// settings/types.ts, settings/subnet-layout.ts produces the plan) and for the VPC components' args
// (SpokeVpc, CentralEgressVpc). Choices are `as const` objects for the component package's enums
// (see vocabulary/vpn.ts); the egress modes are in vocabulary/egress.ts.
// (Line comments: a /** */ block here would join the first enum's description in the package schema.)

/** How many NAT gateways a spoke with egress `nat` runs. */
export const NatGatewayPlacement = {
  /** One per availability zone: an AZ outage leaves the others their egress. */
  PerAz: "perAz",
  /** One in the first availability zone, shared by every AZ: cheaper, not AZ-resilient. */
  Single: "single",
} as const;
export type NatGatewayPlacement = (typeof NatGatewayPlacement)[keyof typeof NatGatewayPlacement];

/** Protocol of a security group ingress rule. */
export const IngressProtocol = {
  /** TCP, ports `fromPort` to `toPort`. */
  Tcp: "tcp",
  /** UDP, ports `fromPort` to `toPort`. */
  Udp: "udp",
  /** ICMP: `fromPort` is the ICMP type, `toPort` the code (-1: any). */
  Icmp: "icmp",
  /** Every protocol and port (IP protocol -1); the ports are ignored. */
  All: "all",
} as const;
export type IngressProtocol = (typeof IngressProtocol)[keyof typeof IngressProtocol];

/** The subnets of one availability zone of a VPC (laid out by settings/subnet-layout.ts). */
export interface SubnetPlan {
  /** The availability zone, e.g. eu-west-1a. */
  availabilityZone: string;
  /** Dedicated /28 for the TGW attachment. */
  transitCidr: string;
  /** Workload subnet. */
  privateCidr: string;
  /** Public subnet for NAT gateways (egress `nat` only). */
  publicCidr?: string;
}
