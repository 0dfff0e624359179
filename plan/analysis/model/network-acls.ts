/** Network ACLs: their subnets and inbound all-protocol rules, in rule-number order. */
import type { CapturedRun } from "../../runtime/captured-run";
import { ofType } from "../../runtime/run-index";
import { awsTypes } from "../../runtime/types";
import { records, str } from "./read";
import type { NetworkAcl, NetworkAclRule } from "./types";

export function buildNetworkAcls(run: CapturedRun, notes: string[]): NetworkAcl[] {
  return ofType(run, awsTypes.networkAcl).map((r) => {
    const ingress: NetworkAclRule[] = [];
    for (const rule of records(r.inputs.ingress)) {
      const cidr = str(rule.cidrBlock);
      if (String(rule.protocol) !== "-1" || !cidr) {
        notes.push(`network ACL ${r.name}: rule ${String(rule.ruleNo)} (protocol ${String(rule.protocol)}) is not modelled`);
        continue;
      }
      ingress.push({ ruleNo: Number(rule.ruleNo), allow: rule.action === "allow", cidr });
    }
    ingress.sort((a, b) => a.ruleNo - b.ruleNo);
    const subnetIds = Array.isArray(r.inputs.subnetIds) ? (r.inputs.subnetIds as unknown[]).map(String) : [];
    return { id: r.id, name: r.name, subnetIds, ingress };
  });
}
