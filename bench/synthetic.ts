/**
 * Synthetic stacks for the benchmark: Pulumi.prod.yaml's structure with N spokes. Spoke i copies
 * one of prod's spokes in turn (segment, account, zones, egress, ingress), is named `spoke-<i>`
 * and gets its own /24 from 172.16.0.0/12 (4,096 of them), which overlaps nothing in prod.
 */
import { parse, stringify } from "yaml";

export const maxSyntheticSpokes = 4096;

export function spokeCidr(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= maxSyntheticSpokes)
    throw new RangeError(`spoke index ${i} outside 0..${maxSyntheticSpokes - 1}`);
  return `172.${16 + Math.floor(i / 256)}.${i % 256}.0/24`;
}

/** The text of a stack file like `prodYaml` with `n` generated spokes instead of its own. */
export function syntheticStackYaml(prodYaml: string, n: number, project = "hybrid-network"): string {
  const doc = parse(prodYaml) as { config: Record<string, unknown> };
  const key = `${project}:spokes`;
  const templates = doc.config[key] as Record<string, unknown>[];
  if (!Array.isArray(templates) || templates.length === 0) throw new Error(`the template stack has no ${key}`);
  doc.config[key] = Array.from({ length: n }, (_, i) => ({
    ...structuredClone(templates[i % templates.length]),
    name: `spoke-${String(i).padStart(4, "0")}`,
    cidr: spokeCidr(i),
  }));
  // Each segment holds about n/3 spokes: past the VPC route table quota, so spokes route one
  // summary of the synthetic range to the TGW (hub.spokeSummaryCidrs), as a large estate would.
  const hub = (doc.config[`${project}:hub`] ?? {}) as Record<string, unknown>;
  doc.config[`${project}:hub`] = { ...hub, spokeSummaryCidrs: ["172.16.0.0/12"] };
  return stringify(doc);
}
