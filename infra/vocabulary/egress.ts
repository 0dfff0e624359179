// Spoke internet egress: the modes a spoke may choose, and what each one means for everything that
// builds or checks it. This is the only place that knows the modes apart: every consumer reads a
// mode's facts here, and decides per kind of fact in a `switch` with a `never` default (or a
// `satisfies Record<...>` table), never per mode name:
//
//   settings    schema (the accepted values), load (public subnets in the layout), rules/network
//               (what each segment default route needs, where `natGateways` applies),
//               rules/adoption-egress (what an adopted VPC keeps or retires), intent (whether a
//               spoke's default route can carry on-prem addresses to the TGW, so its network ACL
//               must refuse its forbidden zones outbound)
//   wiring      segment-routing (the segment table's default route, the egress table's propagations)
//   components  spoke-vpc (NAT gateways), spoke-routing (the workload default route), vpc-adoption
//               (an adopted VPC's public side and its workload tables' current default route)
//   plan        analysis/intent (checkEgress: where the traffic must leave), report/sections/spokes
//               (which mode the registered routes show)
//
// A new mode is a new entry in `SpokeEgress` and `egressModes` (the `satisfies` names a missing
// entry). A mode that needs a new kind of fact (say, a segment default route to a firewall VPC)
// adds the kind to the union below, and the compiler then names every consumer's `switch` that
// must learn it (tests/egress-modes.test.ts holds that).
// (Line comments: a /** */ block here would join the first enum's description in the package schema.)

/** Target of the 0.0.0.0/0 route of the spoke's workload subnets. */
export const workloadDefaultRoutes = ["nat-gateway", "transit-gateway"] as const;
export type WorkloadDefaultRoute = (typeof workloadDefaultRoutes)[number];

/**
 * What the TGW route table of the spoke's segment needs for 0.0.0.0/0: nothing (the traffic never
 * reaches the TGW), a route toward on-prem (learned over BGP, or static to a static VPN), or a static
 * route to the central egress VPC's attachment. A segment table holds one default route, so a
 * segment's spokes may not need two different ones; the rule reports such a conflict at the spoke
 * whose need comes later in this list.
 */
export const segmentDefaultRoutes = ["none", "onprem", "central-egress-vpc"] as const;
export type SegmentDefaultRoute = (typeof segmentDefaultRoutes)[number];

/** Where the intent check expects the spoke's internet traffic to leave AWS. */
export type InternetExit = "own-nat-gateway" | "onprem" | "central-egress-vpc";

/** What one egress mode means. */
export interface EgressMode {
  /**
   * The spoke's VPC has public subnets, an internet gateway and NAT gateways (`natGateways` places
   * them). Without them, switching to the mode removes them; the layout reserves the public block
   * either way (settings/subnet-layout.ts).
   */
  ownNatGateways: boolean;
  workloadDefaultRoute: WorkloadDefaultRoute;
  segmentDefaultRoute: SegmentDefaultRoute;
  internetExit: InternetExit;
}

/** Where a spoke's internet egress leaves. */
export const SpokeEgress = {
  /** NAT gateways in the spoke's own public subnets, behind an internet gateway. */
  Nat: "nat",
  /** 0.0.0.0/0 to the Transit Gateway, on to on-prem over the VPN. */
  OnPrem: "onprem",
  /** 0.0.0.0/0 to the Transit Gateway, on to the central egress VPC. */
  Central: "central",
} as const;
export type SpokeEgress = (typeof SpokeEgress)[keyof typeof SpokeEgress];

/** Every mode's facts. */
export const egressModes = {
  nat: {
    ownNatGateways: true,
    workloadDefaultRoute: "nat-gateway",
    segmentDefaultRoute: "none",
    internetExit: "own-nat-gateway",
  },
  onprem: {
    ownNatGateways: false,
    workloadDefaultRoute: "transit-gateway",
    segmentDefaultRoute: "onprem",
    internetExit: "onprem",
  },
  central: {
    ownNatGateways: false,
    workloadDefaultRoute: "transit-gateway",
    segmentDefaultRoute: "central-egress-vpc",
    internetExit: "central-egress-vpc",
  },
} satisfies Record<SpokeEgress, EgressMode>;

/** Every mode, in the order `SpokeEgress` lists them. */
export const spokeEgressModes: SpokeEgress[] = Object.values(SpokeEgress);
