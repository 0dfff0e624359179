/**
 * Network ACLs, stateless, each direction its own rule list evaluated in rule-number order, the
 * first matching rule deciding (Amazon VPC User Guide, "Control subnet traffic with network access
 * control lists"):
 * - inbound: a packet delivered into a VPC has to pass the ACL of the subnets it lands in. Refused
 *   when every ACL'd subnet of the VPC denies the whole source prefix;
 * - outbound: a packet leaving a subnet has to pass that subnet's ACL for its destination. Refused
 *   when the subnet's ACL denies the whole destination prefix (the walk asks at every subnet it
 *   leaves, so replies are checked at their source too);
 * - a reply lands in the subnet its flow started from and passes that subnet's inbound rules for the
 *   reply's source (pair.ts).
 * A prefix only partly covered by a deny counts as allowed (by the rule that covers it all), and so
 * does a prefix no modelled rule covers: the ACL's default deny (*) is not modelled, nor are rules
 * of a single protocol (model/network-acls.ts).
 */
import type { RouteIndex } from "../lookup";
import type { NetworkAcl, NetworkAclRule } from "../model";

export class AclCheck {
  /** The ACLs of each VPC's subnets, by VPC id. */
  private readonly byVpc = new Map<string, NetworkAcl[]>();
  /** The ACL of each subnet that has one, by subnet id (a subnet has one ACL). */
  private readonly bySubnet = new Map<string, NetworkAcl>();

  constructor(private readonly ix: RouteIndex) {
    for (const acl of ix.model.networkAcls ?? []) {
      const vpcIds = new Set(acl.subnetIds.map((id) => ix.subnets.get(id)?.vpcId).filter((v): v is string => !!v));
      for (const v of vpcIds) this.byVpc.set(v, [...(this.byVpc.get(v) ?? []), acl]);
      for (const id of acl.subnetIds) if (!this.bySubnet.has(id)) this.bySubnet.set(id, acl);
    }
  }

  /** Why the VPC's ACLs refuse traffic from `source` (the first denying rule), or undefined when admitted. */
  refusal(vpcId: string, source: string): string | undefined {
    const acls = this.byVpc.get(vpcId);
    if (!acls || acls.length === 0) return undefined;
    let first: string | undefined;
    for (const acl of acls) {
      const deny = this.denying(acl, acl.ingress, source, "inbound");
      if (deny === undefined) return undefined;
      first ??= deny;
    }
    return first;
  }

  /** Why the ACL of the subnet refuses traffic arriving from `source` (a reply landing where its flow started), or undefined. */
  inboundRefusalAt(subnetId: string, source: string): string | undefined {
    const acl = this.bySubnet.get(subnetId);
    return acl ? this.denying(acl, acl.ingress, source, "inbound") : undefined;
  }

  /** Why the ACL of the subnet refuses traffic leaving it for `destination`, or undefined when it lets it out. */
  outboundRefusal(subnetId: string, destination: string): string | undefined {
    const acl = this.bySubnet.get(subnetId);
    return acl ? this.denying(acl, acl.egress, destination, "outbound") : undefined;
  }

  /** The deciding rule's denial, if the first rule covering the whole prefix denies it. */
  private denying(acl: NetworkAcl, rules: NetworkAclRule[], prefix: string, direction: string): string | undefined {
    const p = this.ix.prefix(prefix);
    if (!p) return undefined;
    const rule = rules.find((r) => this.ix.within(p, r.cidr));
    return rule && !rule.allow ? `network ACL ${acl.name} rule ${rule.ruleNo} denies ${rule.cidr} ${direction}` : undefined;
  }
}
