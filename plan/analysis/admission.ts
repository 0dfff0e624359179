/**
 * Admission: whether a flow the routes and network ACLs let into a spoke is also admitted by a
 * security group the program makes there. Security groups are stateful and attached to network
 * interfaces, not subnets (Amazon VPC User Guide, "Control traffic to your AWS resources using
 * security groups"): a workload admits what the groups attached to it admit, and the program
 * attaches its group to nothing. So a flow into a spoke is "admitted" when the spoke's ingress
 * group (the stack output `spokes.<name>.securityGroupId`, for workload teams to attach) has an
 * inbound rule for every source range, and "routed, not admitted" when it has none: the network
 * carries it, but only a group a workload team adds would let it in.
 */
import type { Endpoints } from "./reachability/endpoints";
import type { Flow } from "./reachability";
import { groupBy } from "../runtime/run-index";
import { prefixesOverlap } from "./ipv4";
import type { RouteModel, SecurityGroup } from "./model";

export const admissions = ["admitted", "routed, not admitted"] as const;
export type Admission = (typeof admissions)[number];

export class AdmissionCheck {
  private readonly byVpc: Map<string, SecurityGroup[]>;

  constructor(
    model: RouteModel,
    private readonly endpoints: Endpoints,
  ) {
    this.byVpc = groupBy(model.securityGroups, (g) => g.vpcId);
  }

  /** A delivered flow into a spoke from a zone or spoke: admitted or not; undefined for any other flow. */
  of(flow: Pick<Flow, "from" | "to" | "fromKind" | "toKind" | "status">): Admission | undefined {
    if ((flow.status !== "reachable" && flow.status !== "partial") || flow.toKind !== "spoke") return undefined;
    const to = this.endpoints.find(flow.to, "spoke");
    const from = this.endpoints.find(flow.from, flow.fromKind);
    if (to?.kind !== "spoke" || !to.vpc || !from) return undefined;
    const sources = from.kind === "zone" ? from.cidrs : from.kind === "spoke" && from.vpc ? [from.vpc.cidr] : undefined;
    if (!sources) return undefined;
    const rules = (this.byVpc.get(to.vpc.id) ?? []).flatMap((g) => g.ingress);
    return sources.every((s) => rules.some((r) => prefixesOverlap(s, r.cidr))) ? "admitted" : "routed, not admitted";
  }
}
