/**
 * The report's first section, one screen: the intent verdict (with the first violations), capacity
 * with one tunnel down, the resources by component, and what needs attention, gathered from the
 * other sections (each says what a reader must act on about itself: `attention`). The detail
 * follows in the sections themselves.
 */
import type { Analysis } from "../analysis";
import type { CapturedResource, CapturedRun } from "../runtime/captured-run";
import { componentTypes } from "../runtime/types";
import type { SectionResult } from "./section";

/** Violations listed in the summary; the rest are counted (the intent section lists all). */
const violationsShown = 5;

export interface ComponentCount {
  /** The component's class (the last part of its type token). */
  component: string;
  /** The instances, by name. */
  names: string[];
  /** Resources they register, their nested components' included. */
  resources: number;
}

export interface Summary {
  ok: boolean;
  /** Set on an example state: the deployed stack whose network it shows (it is never deployed). */
  exampleOf?: string;
  intent?: { ok: boolean; violations: number; flows: number; first: { rule: string; flow: string; message: string }[] };
  /** The narrowest VPN capacity of the analysis: one tunnel down, and all up on the same scope. */
  capacity?: { scope: string; direction: string; gbpsOneTunnelDown: number; gbpsAllUp: number; requiredGbps?: number };
  resources: { total: number; byComponent: ComponentCount[] };
  attention: string[];
}

/** Order of the component kinds, as data flows (hub, VPN, spokes, egress, routing); others after. */
const order: string[] = [
  componentTypes.hub,
  componentTypes.vpn,
  componentTypes.spoke,
  componentTypes.centralEgress,
  componentTypes.segmentRouting,
];

/** Custom resources (providers aside) counted under the top-level component they belong to. */
export function resourcesByComponent(run: CapturedRun): ComponentCount[] {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const topLevel = (r: CapturedResource): CapturedResource | undefined => {
    let top: CapturedResource | undefined;
    for (let p = byUrn.get(r.parent); p && p.type !== "pulumi:pulumi:Stack"; p = byUrn.get(p.parent)) if (!p.custom) top = p;
    return top;
  };
  const groups = new Map<string, { type: string; names: string[]; resources: number }>();
  for (const r of run.resources) {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
    const top = topLevel(r);
    const type = top?.type ?? "(stack)";
    const group = groups.get(type) ?? { type, names: [], resources: 0 };
    if (top && !group.names.includes(top.name)) group.names.push(top.name);
    group.resources++;
    groups.set(type, group);
  }
  const rank = (type: string) => (order.includes(type) ? order.indexOf(type) : order.length);
  return [...groups.values()]
    .sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type))
    .map((g) => ({ component: g.type.split(":").pop() ?? g.type, names: g.names, resources: g.resources }));
}

function narrowestCapacity(a: Analysis): Summary["capacity"] {
  const [row] = [...a.capacity].sort((x, y) => x.gbpsOneTunnelDown - y.gbpsOneTunnelDown);
  if (!row) return undefined;
  const required = a.model.settings.vpn.capacity.requiredGbps;
  return {
    scope: row.scope,
    direction: row.direction,
    gbpsOneTunnelDown: row.gbpsOneTunnelDown,
    gbpsAllUp: row.gbpsAllUp,
    ...(required !== undefined ? { requiredGbps: required } : {}),
  };
}

export function summarise(run: CapturedRun, analysis: Analysis | undefined, ok: boolean, sections: SectionResult[]): Summary {
  const byComponent = resourcesByComponent(run);
  const capacity = analysis ? narrowestCapacity(analysis) : undefined;
  const exampleOf = run.settings?.exampleOf;
  return {
    ok,
    ...(exampleOf !== undefined ? { exampleOf } : {}),
    ...(analysis
      ? {
          intent: {
            ok: analysis.violations.length === 0,
            violations: analysis.violations.length,
            flows: analysis.flows.counted(),
            first: analysis.violations.slice(0, violationsShown).map((v) => ({ rule: v.rule, flow: v.flow, message: v.message })),
          },
        }
      : {}),
    ...(capacity ? { capacity } : {}),
    resources: { total: byComponent.reduce((n, c) => n + c.resources, 0), byComponent },
    attention: sections.flatMap((s) => s.attention ?? []),
  };
}

/** Names shown per component kind; a large stack's spokes are counted, not listed. */
const namesShown = 6;

function names(list: string[]): string {
  const more = list.length - namesShown;
  return more > 0 ? `${list.slice(0, namesShown).join(", ")} and ${more} more` : list.join(", ");
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

export function summaryMarkdown(s: Summary): string {
  const lines: string[] = [];
  if (s.exampleOf !== undefined)
    lines.push(`An example state of stack \`${s.exampleOf}\` (\`exampleOf\`): planned and tested, never deployed (docs/ci.md).`, "");
  const intent = s.intent;
  if (intent?.ok) lines.push(`**Intent check: passed**: every intent of the settings holds over ${intent.flows} flows.`);
  else if (intent) {
    lines.push(`**Intent check: FAILED, ${intent.violations} violation${intent.violations === 1 ? "" : "s"}** (the plan exits 1):`, "");
    lines.push(...intent.first.map((v) => `- ${v.rule}: ${v.flow}: ${v.message}`));
    if (intent.violations > intent.first.length) lines.push(`- and ${intent.violations - intent.first.length} more (Intent check, below)`);
  }
  if (!s.ok && intent?.ok !== false) lines.push("**The plan fails**: see what needs attention.");
  const c = s.capacity;
  if (c) {
    const required = c.requiredGbps !== undefined ? `; required ${c.requiredGbps} Gbps` : "";
    lines.push(
      "",
      `Capacity with one tunnel down: ${c.gbpsOneTunnelDown} Gbps (${c.gbpsAllUp} Gbps with every tunnel up) at the narrowest, ${c.scope} ${c.direction}${required}.`,
    );
  }
  lines.push(
    "",
    "| component | names | resources |",
    "|---|---|---|",
    ...s.resources.byComponent.map((g) => `| ${g.component} | ${cell(names(g.names))} | ${g.resources} |`),
    `| total | | ${s.resources.total} |`,
  );
  lines.push("", s.attention.length === 0 ? "Nothing needs attention." : "Needs attention:", ...s.attention.map((a) => `- ${a}`));
  return lines.join("\n");
}
