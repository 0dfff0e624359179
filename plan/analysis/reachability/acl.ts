/**
 * Network ACLs: a packet delivered into a VPC still has to pass the network ACL of the subnets it
 * lands in (inbound rules in rule-number order, first match decides). Refused when every ACL'd
 * subnet of the VPC denies the whole source prefix; a source only partly covered by a deny counts
 * as admitted. Rules of a single protocol are not modelled (model/network-acls.ts).
 */
import type { RouteIndex } from "../lookup";
import type { NetworkAcl } from "../model";

export class AclCheck {
  /** The ACLs of each VPC's subnets, by VPC id. */
  private readonly byVpc = new Map<string, NetworkAcl[]>();

  constructor(private readonly ix: RouteIndex) {
    for (const acl of ix.model.networkAcls ?? []) {
      const vpcIds = new Set(acl.subnetIds.map((id) => ix.subnets.get(id)?.vpcId).filter((v): v is string => !!v));
      for (const v of vpcIds) this.byVpc.set(v, [...(this.byVpc.get(v) ?? []), acl]);
    }
  }

  /** Why the VPC's ACLs refuse traffic from `source` (the first denying rule), or undefined when admitted. */
  refusal(vpcId: string, source: string): string | undefined {
    const acls = this.byVpc.get(vpcId);
    if (!acls || acls.length === 0) return undefined;
    const src = this.ix.prefix(source);
    if (!src) return undefined;
    let first: string | undefined;
    for (const acl of acls) {
      const rule = acl.ingress.find((r) => this.ix.within(src, r.cidr));
      if (!rule || rule.allow) return undefined;
      first ??= `network ACL ${acl.name} rule ${rule.ruleNo} denies ${rule.cidr} inbound`;
    }
    return first;
  }
}
