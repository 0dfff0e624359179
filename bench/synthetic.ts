/**
 * Synthetic stacks for the benchmark: Pulumi.prod.yaml's structure with N spokes. Spoke i copies
 * one of prod's spokes in turn (segment, account, zones, egress, ingress), is named `spoke-<i>`
 * and gets its own /24: the first 4,096 from 172.16.0.0/12, the next 1,024 from 10.0.0.0/14 (a
 * stack of the Transit Gateway's full 5,000 attachments has 4,995 spokes). Neither range overlaps
 * anything in prod (its zones are 10.100-10.111, its egress VPC 10.250.0.0/22). Past a few hundred
 * spokes the stack dashboard is off (it would graph more lines than CloudWatch takes).
 */
import { parse, stringify } from "yaml";
import { dashboardAttachmentMetrics, dashboardQuotas, dashboardTunnelMetrics } from "../infra/vocabulary/observability";

/** The /24s of each range, in order: a spoke's CIDR depends on its index only. */
const ranges = [
  { summary: "172.16.0.0/12", size: 4096, cidr: (k: number) => `172.${16 + Math.floor(k / 256)}.${k % 256}.0/24` },
  { summary: "10.0.0.0/14", size: 1024, cidr: (k: number) => `10.${Math.floor(k / 256)}.${k % 256}.0/24` },
];

export const maxSyntheticSpokes = ranges.reduce((n, r) => n + r.size, 0);

export function spokeCidr(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= maxSyntheticSpokes)
    throw new RangeError(`spoke index ${i} outside 0..${maxSyntheticSpokes - 1}`);
  let k = i;
  for (const r of ranges) {
    if (k < r.size) return r.cidr(k);
    k -= r.size;
  }
  throw new RangeError(`spoke index ${i}`);
}

/** The summaries covering the first `n` spokes (one range per 4,096). */
export function spokeSummaries(n: number): string[] {
  const out: string[] = [];
  let left = n;
  for (const r of ranges) {
    if (left <= 0) break;
    out.push(r.summary);
    left -= r.size;
  }
  return out;
}

/** The TGW route quota the synthetic estates declare (docs/benchmark.md: 4,995 spokes register 23,404 routes). */
export const syntheticTgwRouteQuota = 25000;

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
  // Each segment holds about n/3 spokes: past the VPC route table quota, so spokes route the
  // summaries of the synthetic ranges to the TGW (hub.spokeSummaryCidrs), as a large estate would.
  // Each segment table holds a route (propagated or blackhole) per spoke: past 2,000 spokes that is
  // more than the TGW's default 10,000 routes, so the estate declares the raised quota it would
  // have to request (hub.tgwRouteQuota; the plan checks the count against it).
  const hub = (doc.config[`${project}:hub`] ?? {}) as Record<string, unknown>;
  doc.config[`${project}:hub`] = { ...hub, spokeSummaryCidrs: spokeSummaries(n), tgwRouteQuota: syntheticTgwRouteQuota };
  // One stack dashboard graphs a line per attachment: past CloudWatch's quotas (the settings rule
  // dashboard-metrics-quota) the dashboard is off, as that rule tells such an estate to.
  const vpns = (doc.config[`${project}:vpnConnections`] as unknown[] | undefined)?.length ?? 0;
  const attachments = n + vpns + (doc.config[`${project}:centralEgress`] ? 1 : 0);
  const lines = 2 * vpns * dashboardTunnelMetrics.length + attachments * dashboardAttachmentMetrics.length;
  if (Math.max(2 * vpns, attachments) > dashboardQuotas.metricsPerWidget || lines > dashboardQuotas.metricsPerDashboard) {
    const monitoring = (doc.config[`${project}:monitoring`] ?? {}) as { dashboard?: Record<string, unknown> };
    doc.config[`${project}:monitoring`] = { ...monitoring, dashboard: { ...monitoring.dashboard, enabled: false } };
  }
  return stringify(doc);
}
