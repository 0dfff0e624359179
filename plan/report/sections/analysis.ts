/**
 * Report sections of the network intent check: reachability matrix and flows, intent violations
 * (which fail the plan), failure analysis, capacity, and the topology diagram.
 */
import type { Analysis } from "../../analysis";
import { expectation } from "../../analysis/intent";
import type { GroupCell } from "../../analysis/flow-set";
import type { Flow } from "../../analysis/reachability";
import { fullDetailMaxNetworks, isLargeStack as isLarge } from "../bound";
import { StreamedList } from "../json-stream";
import type { SectionBuilder, SectionResult } from "../section";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

const mark = { reachable: "reach", blocked: "blocked", partial: "PARTIAL", "n/a": "" } as const;

export { fullDetailMaxNetworks };

function networkNames(a: Analysis): string[] {
  return [...a.model.settings.spokes.map((s) => s.name), ...a.model.settings.onPrem.zones.map((z) => z.name), "internet"];
}

/**
 * Beyond `fullDetailMaxNetworks` (report/bound.ts) the pairwise matrix and the list of every flow
 * grow with the square of the spokes: the report groups spokes into their classes (spokes that the
 * registered routing and the intent treat alike), lists individually only the flows that are
 * partial or against the intent, and the JSON carries those flows plus the grouped summary instead
 * of every flow (every flow on request). At or below it the report is complete.
 */
export function isLargeStack(a: Analysis): boolean {
  return isLarge(a.model.settings);
}

function flowIndex(a: Analysis): Map<string, Map<string, Flow>> {
  const byFrom = new Map<string, Map<string, Flow>>();
  for (const f of a.flows) {
    let row = byFrom.get(f.from);
    if (!row) byFrom.set(f.from, (row = new Map()));
    if (!row.has(f.to)) row.set(f.to, f);
  }
  return byFrom;
}

function flowRow(a: Analysis, f: Flow): string {
  const path = f.status === "blocked" ? "" : f.path.join(" → ");
  const admission = a.context.admission.of(f);
  const status = `${f.status}${f.oneWay ? " (return path only)" : ""}${admission === "routed, not admitted" ? `, ${admission}` : ""}`;
  return `| ${f.from} → ${f.to} | ${status} | ${expectation(a.context, f)} | ${cell(path)} | ${cell(f.reason)} |`;
}

/** A flow as the JSON report holds it, with its admission where it has one. */
function flowJson(a: Analysis, f: Flow): unknown {
  const admission = a.context.admission.of(f);
  const plain = "toJSON" in f && typeof f.toJSON === "function" ? (f.toJSON() as Flow) : f;
  return admission === undefined ? plain : { ...plain, admission };
}

export function reachabilityMarkdown(a: Analysis): string {
  if (isLargeStack(a)) return groupedReachabilityMarkdown(a);
  const names = networkNames(a);
  const index = flowIndex(a);
  const lines = [
    "Rows are sources, columns destinations. A flow counts as reachable only when its return path exists too. A flow into a spoke that no security group of the program admits is marked `routed, not admitted`: the network carries it, a security group a workload team attaches must let it in (docs/spokes.md).",
    "",
    `| from \\ to | ${names.join(" | ")} |`,
    `|---|${names.map(() => "---").join("|")}|`,
  ];
  for (const from of names) {
    const row = names.map((to) => {
      const f = index.get(from)?.get(to);
      return f ? mark[f.status] : "-";
    });
    if (row.every((c) => c === "" || c === "-")) continue;
    lines.push(`| **${from}** | ${row.join(" | ")} |`);
  }
  lines.push("", "| flow | status | expected | path | deciding route |", "|---|---|---|---|---|");
  for (const f of a.flows) {
    if (f.status === "n/a") continue;
    lines.push(flowRow(a, f));
  }
  if (a.model.notes.length > 0) lines.push("", "Notes:", ...a.model.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

export type { GroupCell };

/** Flow counts per pair of groups (spoke classes, zones, the internet), in group order; pairs without flows left out. */
export function groupedFlows(a: Analysis): GroupCell[] {
  return a.flows.cells();
}

function groupMark(c: GroupCell | undefined): string {
  if (!c) return "-";
  const parts = (["reachable", "blocked", "partial"] as const).filter((k) => c[k] > 0);
  const [only] = parts;
  if (only && parts.length === 1) return `${mark[only]} (${c[only]})`;
  return parts.map((k) => `${mark[k]} ${c[k]}`).join(", ");
}

/** Flows listed one by one in a large stack: partial ones, and the ones an intent violation names. */
export function notableFlows(a: Analysis): Flow[] {
  return a.flows.notable(new Set(a.violations.map((v) => v.flow)));
}

/** The spoke classes of a large stack: name, segment, egress mode and members. */
export function spokeClasses(a: Analysis): { name: string; segment: string; egress: string; spokes: number; members: string[] }[] {
  return a.classes.spokeClasses().map((c) => {
    const first = a.context.intent.spoke(c.members[0]?.name ?? "");
    return {
      name: c.name,
      segment: first?.segment ?? "",
      egress: first?.egress ?? "",
      spokes: c.members.length,
      members: c.members.map((m) => m.name),
    };
  });
}

function groupedReachabilityMarkdown(a: Analysis): string {
  const groups = [...a.classes.names];
  const cells = new Map(groupedFlows(a).map((c) => [`${c.from}\n${c.to}`, c]));
  const classes = spokeClasses(a);
  const sizes = new Map(classes.map((c) => [c.name, c.spokes]));
  const label = (g: string) => {
    const n = sizes.get(g);
    return n === undefined ? g : `${g} (${n} spoke${n === 1 ? "" : "s"})`;
  };
  const notable = notableFlows(a);
  const counted = a.flows.counted();
  const lines = [
    `${networkNames(a).length} networks (more than ${fullDetailMaxNetworks}): spokes grouped into ${classes.length} class${classes.length === 1 ? "" : "es"}, the spokes in one class routed alike by what the program registered and with the same intent (table below). Rows are sources, columns destinations; each cell counts the flows between the groups' networks by status. A flow counts as reachable only when its return path exists too.`,
    "",
    `| from \\ to | ${groups.map(label).join(" | ")} |`,
    `|---|${groups.map(() => "---").join("|")}|`,
  ];
  for (const from of groups) {
    const row = groups.map((to) => groupMark(cells.get(`${from}\n${to}`)));
    if (row.every((c) => c === "-")) continue;
    lines.push(`| **${label(from)}** | ${row.join(" | ")} |`);
  }
  lines.push("", "| class | spokes | segment | egress | members |", "|---|---|---|---|---|");
  for (const c of classes) lines.push(`| ${c.name} | ${c.spokes} | ${c.segment} | ${c.egress} | ${c.members.join(", ")} |`);
  lines.push(
    "",
    notable.length === 0
      ? `All ${counted} flows meet the intent and none is partial, so none is listed one by one.`
      : `${notable.length} of ${counted} flows are partial or named by an intent violation, listed below.`,
  );
  if (notable.length > 0) {
    lines.push("", "| flow | status | expected | path | deciding route |", "|---|---|---|---|---|");
    for (const f of notable) lines.push(flowRow(a, f));
  }
  if (a.model.notes.length > 0) lines.push("", "Notes:", ...a.model.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

/**
 * The reachability section's JSON: every flow up to the bound; beyond it the class summary and the
 * notable flows, or with `allFlows` every flow (streamed when the report is written: it may not
 * fit in one string).
 */
export function reachabilityJson(a: Analysis, allFlows = false): unknown {
  if (!isLargeStack(a)) return { flows: [...a.flows].map((f) => flowJson(a, f)), notes: a.model.notes };
  return {
    complete: allFlows,
    bound: { maxNetworks: fullDetailMaxNetworks, networks: networkNames(a).length },
    flowCount: a.flows.counted(),
    classes: spokeClasses(a),
    groups: groupedFlows(a),
    flows: allFlows ? new StreamedList(a.flows) : notableFlows(a),
    notes: a.model.notes,
  };
}

const reachability: SectionBuilder = (_run, { analysis: a, allFlows }) => {
  if (!a) return undefined;
  // Counted per pair of classes: a large stack's flows are not held one by one.
  const partial = a.flows.cells().reduce((k, c) => k + c.partial, 0);
  return {
    key: "reachability",
    title: "Reachability",
    markdown: reachabilityMarkdown(a),
    json: reachabilityJson(a, allFlows),
    attention:
      partial > 0
        ? [
            `${partial} flow${partial === 1 ? " is" : "s are"} partial: some of their sources or paths get through, others not (Reachability)`,
          ]
        : [],
  };
};

const intent: SectionBuilder = (_run, { analysis: a }): SectionResult | undefined => {
  if (!a) return undefined;
  const ok = a.violations.length === 0;
  const markdown = ok
    ? "Every intent of the settings holds: allowed flows reach, forbidden ones are blocked both ways, egress goes the configured way, internal traffic is not NATed, and flows survive any single failure where redundancy exists."
    : [
        `**${a.violations.length} violation${a.violations.length === 1 ? "" : "s"}: the plan fails.**`,
        "",
        "| rule | flow | violation | deciding route |",
        "|---|---|---|---|",
        ...a.violations.map((v) => `| ${v.rule} | ${v.flow} | ${cell(v.message)} | ${cell(v.route)} |`),
      ].join("\n");
  return {
    key: "intent",
    title: ok ? "Intent check: passed" : "Intent check: FAILED",
    markdown,
    json: { ok, violations: a.violations },
    ok,
  };
};

/** In a large stack, the lost flows named per failure scenario (the JSON adds `lostCount`). */
const lostShown = 20;

const failure: SectionBuilder = (_run, { analysis: a }) => {
  if (!a) return undefined;
  const lines = [
    "Flows that reach with everything up, re-evaluated with one tunnel, VPN connection or customer gateway down.",
    "",
    "| failure | flows lost | lowest VPN capacity left | bottleneck flow |",
    "|---|---|---|---|",
  ];
  const large = isLargeStack(a);
  for (const s of a.failures) {
    const shown = large ? s.lost.slice(0, lostShown) : s.lost;
    const more = s.lost.length - shown.length;
    const lost =
      s.lost.length === 0
        ? "none"
        : `${shown.map((l) => l.flow).join(", ")}${more > 0 ? ` and ${more} more (${s.lost.length} in all)` : ""}`;
    const alone = s.lost.filter((l) => l.failover === undefined).length;
    const note =
      alone === 0
        ? ""
        : alone === s.lost.length
          ? " (no other VPN connection carries them)"
          : ` (${alone} carried by no other VPN connection)`;
    lines.push(
      `| ${s.kind} ${s.name} | ${cell(lost)}${note} | ${s.minGbps !== undefined ? `${s.minGbps} Gbps` : "-"} | ${s.bottleneck ?? ""} |`,
    );
  }
  const json = large ? a.failures.map((s) => ({ ...s, lostCount: s.lost.length, lost: s.lost.slice(0, lostShown) })) : a.failures;
  // Flows no other VPN connection carries make the failed one a single point of failure (not a
  // violation: the flows another connection carries are, as resilience violations).
  const attention = a.failures.flatMap((s) => {
    const alone = s.kind === "tunnel" ? 0 : s.lost.filter((l) => l.failover === undefined).length;
    return alone === 0 ? [] : [`${s.kind} ${s.name} is a single point of failure: ${alone} flows lost when it fails (Failure analysis)`];
  });
  return { key: "failure", title: "Failure analysis", markdown: lines.join("\n"), json, attention };
};

/**
 * Transit gateway quota "Routes per transit gateway" (10,000 by default, adjustable; "Transit gateway
 * quotas"): every route of every table counts, a propagated prefix once per propagating attachment.
 * The settings give the account's quota (`hub.tgwRouteQuota`); the count is what was registered.
 */
function tgwRouteQuota(a: Analysis): { count: number; tables: number; quota: number; problem?: string } {
  const quota = a.model.settings.hub.tgwRouteQuota;
  const count = a.model.tgwRoutes.length;
  const tables = a.model.tables.length;
  return {
    count,
    tables,
    quota,
    ...(count > quota
      ? {
          problem: `the TGW route tables hold ${count} routes; hub.tgwRouteQuota is ${quota}: raise the quota (Service Quotas) or merge segments`,
        }
      : {}),
  };
}

const capacity: SectionBuilder = (_run, { analysis: a }) => {
  if (!a) return undefined;
  const required = a.model.settings.vpn.capacity.requiredGbps;
  const routes = tgwRouteQuota(a);
  const lines = [
    `Aggregate over the VPN: ECMP tunnel paths times tunnel bandwidth (one flow uses one tunnel).${required !== undefined ? ` Required: ${required} Gbps with one tunnel down.` : ""}`,
    "",
    "| scope | direction | ECMP tunnel paths | Gbps all up | Gbps one tunnel down | bottleneck flow |",
    "|---|---|---|---|---|---|",
    ...a.capacity.map((r) => `| ${r.scope} | ${r.direction} | ${r.paths} | ${r.gbpsAllUp} | ${r.gbpsOneTunnelDown} | ${r.bottleneck} |`),
    "",
    `TGW routes: ${routes.count} in ${routes.tables} route tables, of ${routes.quota} (hub.tgwRouteQuota).${routes.problem ? ` **Over the quota**: ${routes.problem}.` : ""}`,
  ];
  return {
    key: "capacity",
    title: "Capacity",
    markdown: lines.join("\n"),
    json: { requiredGbps: required, rows: a.capacity, tgwRoutes: { count: routes.count, tables: routes.tables, quota: routes.quota } },
    ...(routes.problem ? { ok: false, attention: [`${routes.problem} (Capacity)`] } : {}),
  };
};

const diagram: SectionBuilder = (_run, { analysis: a }) => {
  if (!a) return undefined;
  return { key: "diagram", title: "Topology", markdown: ["```mermaid", a.diagram, "```"].join("\n"), json: { mermaid: a.diagram } };
};

export const analysisSections: SectionBuilder[] = [intent, reachability, failure, capacity, diagram];
