/** Network ACLs: their subnets and all-protocol rules of each direction, in rule-number order. */
import type { CapturedRun } from "../../runtime/captured-run";
import { ofType } from "../../runtime/run-index";
import { awsTypes } from "../../runtime/types";
import { records, str } from "./read";
import type { NetworkAcl, NetworkAclRule } from "./types";

export function buildNetworkAcls(run: CapturedRun, notes: string[]): NetworkAcl[] {
  return ofType(run, awsTypes.networkAcl).map((r) => {
    const rules = (direction: "ingress" | "egress"): NetworkAclRule[] => {
      const out: NetworkAclRule[] = [];
      for (const rule of records(r.inputs[direction])) {
        const cidr = str(rule.cidrBlock);
        if (String(rule.protocol) !== "-1" || !cidr) {
          notes.push(`network ACL ${r.name}: ${direction} rule ${String(rule.ruleNo)} (protocol ${String(rule.protocol)}) is not modelled`);
          continue;
        }
        out.push({ ruleNo: Number(rule.ruleNo), allow: rule.action === "allow", cidr });
      }
      return out.sort((a, b) => a.ruleNo - b.ruleNo);
    };
    const subnetIds = Array.isArray(r.inputs.subnetIds) ? (r.inputs.subnetIds as unknown[]).map(String) : [];
    return { id: r.id, name: r.name, subnetIds, ingress: rules("ingress"), egress: rules("egress") };
  });
}
