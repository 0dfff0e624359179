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

/**
 * A subnet of an existing VPC that a spoke adopts (Pulumi `import`). Its inputs must mirror the real
 * subnet, or the import shows a difference (docs/adopt.md).
 */
export interface ExistingSubnet {
  /** Config name of the subnet, unique in the VPC; its resources are named from it (`<spoke>-<name>`). */
  name: string;
  /** The subnet's id (subnet-...). */
  id: string;
  /** The subnet's IPv4 CIDR, as it is: a subnet's CIDR cannot change (a change replaces it). */
  cidr: string;
  /** The subnet's availability zone, as it is (e.g. eu-west-1a). */
  availabilityZone: string;
  /**
   * True for a public subnet (routed to the internet gateway, holding NAT gateways): retired with the
   * NAT gateways when the egress mode runs none of its own. False for a workload subnet.
   */
  public: boolean;
  /** Whether instances launched in the subnet get a public IPv4 address, as it is (AWS's default: false). */
  mapPublicIpOnLaunch: boolean;
  /** Config name of the route table the subnet is explicitly associated with. */
  routeTable: string;
}

/** A route table of an existing VPC that a spoke adopts, serving either workload or public subnets. */
export interface ExistingRouteTable {
  /** Config name of the route table, unique in the VPC; its resources are named from it. */
  name: string;
  /** The route table's id (rtb-...). */
  id: string;
  /**
   * For a workload route table while the egress mode sends 0.0.0.0/0 to a NAT gateway: config name of
   * the NAT gateway its existing 0.0.0.0/0 route targets (the route is imported as it is). Absent
   * otherwise.
   */
  natGateway?: string;
}

/** A NAT gateway of an existing VPC that a spoke adopts, with the Elastic IP it holds. */
export interface ExistingNatGateway {
  /** Config name of the NAT gateway, unique in the VPC; its resources are named from it. */
  name: string;
  /** The NAT gateway's id (nat-...). */
  id: string;
  /** Config name of the public subnet the NAT gateway is in. */
  subnet: string;
  /** Allocation id of its Elastic IP (eipalloc-...). */
  allocationId: string;
}

/** A /28 subnet the program creates in an adopted VPC for the Transit Gateway attachment. */
export interface AttachmentSubnet {
  /** The availability zone (one attachment subnet per zone). */
  availabilityZone: string;
  /** A free /28 inside the VPC's CIDR. */
  cidr: string;
}

/**
 * An existing VPC that a spoke adopts instead of building one: the VPC, its subnets, route tables,
 * internet gateway and NAT gateways are taken under management with Pulumi's `import` option; the
 * program adds only the attachment subnets, the TGW attachment, the routes to the TGW, the network ACL
 * and the security group. Ids and inputs must mirror the real resources (docs/adopt.md).
 */
export interface ExistingVpc {
  /** The VPC's id (vpc-...). Its CIDR is the spoke's `cidr`. */
  vpcId: string;
  /** DNS resolution in the VPC, as it is (AWS's default: true). */
  enableDnsSupport: boolean;
  /** DNS hostnames in the VPC, as it is (AWS's default for a VPC that is not the default VPC: false). */
  enableDnsHostnames: boolean;
  /** The internet gateway attached to the VPC (igw-...); only with public subnets. */
  internetGatewayId?: string;
  /** The subnets to adopt: every workload subnet, and the public subnets while they are kept. */
  subnets: ExistingSubnet[];
  /** The route tables the adopted subnets are explicitly associated with. */
  routeTables: ExistingRouteTable[];
  /** The NAT gateways to adopt, while the egress mode runs NAT gateways of its own. */
  natGateways: ExistingNatGateway[];
  /** The /28 subnets to create for the TGW attachment, one per availability zone of the spoke. */
  attachmentSubnets: AttachmentSubnet[];
}
