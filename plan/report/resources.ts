/**
 * The plan report: what the program registered, grouped by component, and the stack outputs.
 * Secrets never appear: secret inputs and outputs are masked. Markdown for people, JSON for tools.
 */
import { jsonPieces } from "./json-stream";
import type { CapturedResource, CapturedRun } from "../runtime/captured-run";
import { awsTypes, componentTypes } from "../runtime/types";
import { placeholdersOf, reference, withoutPlaceholders } from "./placeholders";
import type { ReportSection, SectionResult } from "./section";

export const masked = "[secret]";

/** Inputs worth showing per type; other inputs are left out of the human report (all are in --json). */
const keyInputs: Record<string, string[]> = {
  [awsTypes.tgw]: ["amazonSideAsn", "vpnEcmpSupport", "dnsSupport", "defaultRouteTableAssociation", "defaultRouteTablePropagation"],
  [awsTypes.tgwRouteTable]: ["tags.segment"],
  [awsTypes.ramShare]: ["name", "allowExternalPrincipals"],
  [awsTypes.ramPrincipal]: ["principal"],
  [awsTypes.cgw]: ["ipAddress", "bgpAsn", "bgpAsnExtended", "deviceName"],
  [awsTypes.vpn]: [
    "staticRoutesOnly",
    "enableAcceleration",
    "tunnelBandwidth",
    "tunnel1InsideCidr",
    "tunnel2InsideCidr",
    "presharedKeyStorage",
  ],
  [awsTypes.tgwAssociation]: ["transitGatewayAttachmentId", "transitGatewayRouteTableId"],
  [awsTypes.tgwPropagation]: ["transitGatewayAttachmentId", "transitGatewayRouteTableId"],
  [awsTypes.tgwRoute]: ["destinationCidrBlock", "blackhole", "transitGatewayAttachmentId"],
  [awsTypes.vpc]: ["cidrBlock"],
  [awsTypes.subnet]: ["cidrBlock", "availabilityZone"],
  [awsTypes.route]: ["destinationCidrBlock", "transitGatewayId", "natGatewayId", "gatewayId"],
  [awsTypes.vpcAttachment]: ["applianceModeSupport"],
  [awsTypes.logGroup]: ["name", "retentionInDays", "kmsKeyId"],
  [awsTypes.alarm]: ["metricName", "comparisonOperator", "threshold"],
  [awsTypes.ingressRule]: ["cidrIpv4", "ipProtocol", "fromPort", "toPort"],
  [awsTypes.flowLog]: ["logDestinationType", "trafficType", "maxAggregationInterval"],
  [awsTypes.dashboard]: ["dashboardName"],
  [awsTypes.topicSubscription]: ["protocol", "endpoint"],
  [awsTypes.ramAccepter]: ["shareArn"],
};

function pick(inputs: Record<string, unknown>, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), inputs);
}

/** `pick` of the masked inputs, without copying them: a secret input reads as the mask, and nothing inside it. */
function pickMasked(r: CapturedResource, path: string): unknown {
  const top = path.split(".")[0] ?? path;
  if (r.secretInputs.includes(top)) return top === path ? masked : undefined;
  return pick(r.inputs, path);
}

/** Inputs with every secret replaced by the mask. */
export function maskedInputs(r: CapturedResource): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r.inputs).map(([k, v]) => [k, r.secretInputs.includes(k) ? masked : v]));
}

function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}

function componentOf(r: CapturedResource, byUrn: Map<string, CapturedResource>): string {
  let parent = byUrn.get(r.parent);
  while (parent && parent.custom) parent = byUrn.get(parent.parent);
  return parent && parent.type !== "pulumi:pulumi:Stack" ? `${parent.type} ${parent.name}` : "(stack)";
}

export interface ResourceGroup {
  component: string;
  resources: {
    type: string;
    name: string;
    protect: boolean;
    keyInputs: Record<string, unknown>;
    secretInputs: string[];
    /** Set for a resource Pulumi adopts (the `import` option) instead of creating it. */
    importId?: string;
  }[];
}

export function groupResources(run: CapturedRun): ResourceGroup[] {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  // An input holding another resource's made-up id reads as what it refers to, known after deploy.
  const placeholders = placeholdersOf(run);
  const groups = new Map<string, ResourceGroup>();
  for (const r of run.resources) {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
    const component = componentOf(r, byUrn);
    const group = groups.get(component) ?? { component, resources: [] };
    const keys = keyInputs[r.type] ?? [];
    group.resources.push({
      type: r.type,
      name: r.name,
      protect: r.protect,
      keyInputs: Object.fromEntries(keys.map((k) => [k, reference(placeholders, pickMasked(r, k))]).filter(([, v]) => v !== undefined)),
      secretInputs: r.secretInputs,
      ...(r.importId !== undefined ? { importId: r.importId } : {}),
    });
    groups.set(component, group);
  }
  // Registration order is asynchronous: print in the order data flows (hub, VPN, spokes, routing).
  const rank = (component: string) => {
    const order = [
      componentTypes.hub,
      componentTypes.vpn,
      componentTypes.vpnConnection,
      componentTypes.spoke,
      componentTypes.centralEgress,
      componentTypes.segmentRouting,
      componentTypes.shareAccepter,
      componentTypes.flowLogs,
      componentTypes.dashboard,
      componentTypes.blackholeAlarms,
      componentTypes.alarmSubscriptions,
    ];
    const i = order.findIndex((token) => component.startsWith(`${token} `));
    return i < 0 ? order.length : i;
  };
  return [...groups.values()].sort((a, b) => rank(a.component) - rank(b.component) || a.component.localeCompare(b.component));
}

export function countByType(run: CapturedRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of run.resources) if (r.custom && !r.type.startsWith("pulumi:providers:")) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

function cell(v: unknown): string {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.replace(/\|/g, "\\|");
}

/** Resources adopted with the `import` option, and those created (a stack without imports has no such line). */
function importSummary(groups: ResourceGroup[]): string[] {
  const all = groups.flatMap((g) => g.resources);
  const imported = all.filter((r) => r.importId !== undefined).length;
  if (imported === 0) return [];
  return [
    `${imported} imported (marked \`import=<id>\`: Pulumi adopts the existing resource as it is, docs/adopt.md), ${all.length - imported} created.`,
    "",
  ];
}

/** Types whose loss cuts the network: protected in production (`protect: true`). */
const vital: string[] = [awsTypes.tgw, awsTypes.cgw, awsTypes.vpn, awsTypes.vpcAttachment];

/** What the resources say needs attention: vital resources left unprotected, resources adopted rather than created. */
function resourcesAttention(groups: ResourceGroup[]): string[] {
  const all = groups.flatMap((g) => g.resources);
  const unprotected = all.filter((r) => vital.includes(r.type) && !r.protect).length;
  const imported = all.filter((r) => r.importId !== undefined).length;
  return [
    ...(unprotected > 0
      ? [
          `${unprotected} resources whose loss cuts the network (the TGW, customer gateways, VPN connections, attachments) are not protected: \`protect: true\` in a production stack`,
        ]
      : []),
    ...(imported > 0
      ? [`${imported} existing resources are adopted (\`import\`) as they are: their inputs must mirror them (docs/adopt.md)`]
      : []),
  ];
}

export function resourcesSection(run: CapturedRun): SectionResult {
  const groups = groupResources(run);
  const lines: string[] = importSummary(groups);
  for (const g of groups) {
    lines.push(`### ${g.component}`, "", "| type | name | key inputs | protected |", "|---|---|---|---|");
    for (const r of g.resources) {
      // An imported resource leads with its import id; the rows of created resources are unchanged.
      const inputs = [
        ...(r.importId !== undefined ? [`import=${r.importId}`] : []),
        ...Object.entries(r.keyInputs).map(([k, v]) => `${k}=${cell(v)}`),
      ];
      if (r.secretInputs.length > 0) inputs.push(`secret: ${r.secretInputs.join(", ")}`);
      lines.push(`| ${shortType(r.type)} | ${r.name} | ${inputs.join("; ")} | ${r.protect ? "yes" : ""} |`);
    }
    lines.push("");
  }
  const total = groups.reduce((n, g) => n + g.resources.length, 0);
  const imported = groups.reduce((n, g) => n + g.resources.filter((r) => r.importId !== undefined).length, 0);
  return {
    key: "resources",
    attention: resourcesAttention(groups),
    title: `Resources (${total})`,
    markdown: lines.join("\n"),
    json: { total, ...(imported > 0 ? { imported, created: total - imported } : {}), byType: countByType(run), groups },
  };
}

/** The stack outputs, values AWS assigns at deploy read `(known after deploy)`. */
export function outputsSection(run: CapturedRun): ReportSection {
  const outputs = withoutPlaceholders(placeholdersOf(run), run.outputs);
  const lines = ["```json", JSON.stringify(outputs, null, 2), "```"];
  return { title: "Stack outputs", markdown: lines.join("\n"), json: outputs };
}

export function renderMarkdown(stack: string, sections: ReportSection[]): string {
  return [`# Offline plan: stack \`${stack}\``, "", ...sections.flatMap((s) => [`## ${s.title}`, "", s.markdown, ""])].join("\n");
}

/**
 * The JSON report, in pieces (json-stream.ts): joined, they are `JSON.stringify(report, null, 2)`.
 * `streamed`: the sections may hold StreamedLists (every flow of a large stack).
 */
export function renderJson(stack: string, sections: Record<string, unknown>, streamed = false): Iterable<string> {
  return jsonPieces({ stack, ...sections }, streamed);
}
