/**
 * Security groups the program makes, with their inbound rules: standalone rules
 * (`vpc/SecurityGroupIngressRule`, what the spokes use) and inline `ingress` blocks of a group.
 * Only IPv4 CIDR sources are modelled; a rule naming another group or a prefix list is noted.
 */
import type { CapturedRun } from "../../runtime/captured-run";
import { ofType } from "../../runtime/run-index";
import { awsTypes } from "../../runtime/types";
import { records, str } from "./read";
import type { SecurityGroup, SecurityGroupRule } from "./types";

function portRange(protocol: string, from: unknown, to: unknown): Pick<SecurityGroupRule, "fromPort" | "toPort"> {
  // Protocol -1 admits every port whatever the rule says (EC2 API, AuthorizeSecurityGroupIngress).
  if (protocol === "-1") return {};
  return { ...(typeof from === "number" ? { fromPort: from } : {}), ...(typeof to === "number" ? { toPort: to } : {}) };
}

export function buildSecurityGroups(run: CapturedRun, notes: string[]): SecurityGroup[] {
  const groups = ofType(run, awsTypes.securityGroup).map((r): SecurityGroup => {
    const ingress: SecurityGroupRule[] = [];
    for (const rule of records(r.inputs.ingress)) {
      const protocol = String(rule.protocol ?? "-1");
      const cidrs = Array.isArray(rule.cidrBlocks) ? (rule.cidrBlocks as unknown[]).map(String) : [];
      for (const cidr of cidrs) ingress.push({ cidr, protocol, ...portRange(protocol, rule.fromPort, rule.toPort) });
    }
    return { id: r.id, name: r.name, vpcId: str(r.inputs.vpcId) ?? "", ingress };
  });
  const byId = new Map(groups.map((g) => [g.id, g]));
  for (const r of ofType(run, awsTypes.ingressRule)) {
    const group = byId.get(str(r.inputs.securityGroupId) ?? "");
    const cidr = str(r.inputs.cidrIpv4);
    if (!group || !cidr) {
      notes.push(
        `security group rule ${r.name}: ${!group ? "unknown security group" : "a source other than an IPv4 CIDR"} is not modelled`,
      );
      continue;
    }
    const protocol = String(r.inputs.ipProtocol ?? "-1");
    group.ingress.push({ cidr, protocol, ...portRange(protocol, r.inputs.fromPort, r.inputs.toPort) });
  }
  return groups;
}
