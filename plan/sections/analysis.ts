/**
 * Report sections of the network intent check: reachability matrix and flows, intent violations
 * (which fail the plan), failure analysis, capacity, and the topology diagram.
 */
import type { CapturedRun } from "../capture";
import { analyse } from "../analysis";
import type { Analysis } from "../analysis";
import { expectation } from "../analysis/intent";
import type { SectionBuilder, SectionResult } from "./index";

const cache = new WeakMap<CapturedRun, Analysis>();

function analysisOf(run: CapturedRun): Analysis | undefined {
  if (!run.settings) return undefined;
  let a = cache.get(run);
  if (!a) {
    a = analyse(run);
    cache.set(run, a);
  }
  return a;
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

const mark = { reachable: "reach", blocked: "blocked", partial: "PARTIAL", "n/a": "" } as const;

export function reachabilityMarkdown(a: Analysis): string {
  const names = [...a.model.settings.spokes.map((s) => s.name), ...a.model.settings.onPrem.zones.map((z) => z.name), "internet"];
  const lines = [
    "Rows are sources, columns destinations. A flow counts as reachable only when its return path exists too.",
    "",
    `| from \\ to | ${names.join(" | ")} |`,
    `|---|${names.map(() => "---").join("|")}|`,
  ];
  for (const from of names) {
    const row = names.map((to) => {
      const f = a.flows.find((x) => x.from === from && x.to === to);
      return f ? mark[f.status] : "-";
    });
    if (row.every((c) => c === "" || c === "-")) continue;
    lines.push(`| **${from}** | ${row.join(" | ")} |`);
  }
  lines.push("", "| flow | status | expected | path | deciding route |", "|---|---|---|---|---|");
  for (const f of a.flows) {
    if (f.status === "n/a") continue;
    const path = f.status === "blocked" ? "" : f.path.join(" → ");
    lines.push(
      `| ${f.from} → ${f.to} | ${f.status}${f.oneWay ? " (return path only)" : ""} | ${expectation(a.model, f)} | ${cell(path)} | ${cell(f.reason)} |`,
    );
  }
  if (a.model.notes.length > 0) lines.push("", "Notes:", ...a.model.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

const reachability: SectionBuilder = (run) => {
  const a = analysisOf(run);
  if (!a) return undefined;
  return {
    key: "reachability",
    title: "Reachability",
    markdown: reachabilityMarkdown(a),
    json: { flows: a.flows, notes: a.model.notes },
  };
};

const intent: SectionBuilder = (run): SectionResult | undefined => {
  const a = analysisOf(run);
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

const failure: SectionBuilder = (run) => {
  const a = analysisOf(run);
  if (!a) return undefined;
  const lines = [
    "Flows that reach with everything up, re-evaluated with one tunnel, VPN connection or customer gateway down.",
    "",
    "| failure | flows lost | lowest VPN capacity left | bottleneck flow |",
    "|---|---|---|---|",
  ];
  for (const s of a.failures) {
    const lost = s.lost.length === 0 ? "none" : s.lost.map((l) => l.flow).join(", ");
    const note = s.lost.length > 0 && !s.redundant ? " (no other VPN connection)" : "";
    lines.push(
      `| ${s.kind} ${s.name} | ${cell(lost)}${note} | ${s.minGbps !== undefined ? `${s.minGbps} Gbps` : "-"} | ${s.bottleneck ?? ""} |`,
    );
  }
  return { key: "failure", title: "Failure analysis", markdown: lines.join("\n"), json: a.failures };
};

const capacity: SectionBuilder = (run) => {
  const a = analysisOf(run);
  if (!a) return undefined;
  const required = a.model.settings.vpn.capacity.requiredGbps;
  const lines = [
    `Aggregate over the VPN: ECMP tunnel paths times tunnel bandwidth (one flow uses one tunnel).${required !== undefined ? ` Required: ${required} Gbps with one tunnel down.` : ""}`,
    "",
    "| scope | direction | ECMP tunnel paths | Gbps all up | Gbps one tunnel down | bottleneck flow |",
    "|---|---|---|---|---|---|",
    ...a.capacity.map((r) => `| ${r.scope} | ${r.direction} | ${r.paths} | ${r.gbpsAllUp} | ${r.gbpsOneTunnelDown} | ${r.bottleneck} |`),
  ];
  return { key: "capacity", title: "Capacity", markdown: lines.join("\n"), json: { requiredGbps: required, rows: a.capacity } };
};

const diagram: SectionBuilder = (run) => {
  const a = analysisOf(run);
  if (!a) return undefined;
  return { key: "diagram", title: "Topology", markdown: ["```mermaid", a.diagram, "```"].join("\n"), json: { mermaid: a.diagram } };
};

export const analysisSections: SectionBuilder[] = [intent, reachability, failure, capacity, diagram];
