/**
 * One network, not two hubs. The stack files of a project are either deployed or example states
 * (`exampleOf: <deployed stack>`: an initial state, an alternative path; planned, diffed and tested,
 * never deployed: infra/program.ts refuses `pulumi up` of one). This checks every
 * Pulumi.<stack>.yaml of a project, offline, and refuses deployed stacks that would build two hubs
 * for one on-prem router:
 *  - `shared-customer-gateway`: the same customer gateway (IP, ASN, device name) in one account and
 *    region. CreateCustomerGateway returns the existing gateway for an identical request (EC2 API
 *    reference, CreateCustomerGateway): both stacks would own one resource, and removing it from
 *    either deletes it under the other's tunnels. An account left to the credentials counts as the
 *    same as any other: nothing tells them apart offline.
 *  - `shared-inside-cidr`: a tunnel inside CIDR used by both toward the same router address, in any
 *    account: the router cannot hold two tunnels with the same inside addresses (aws-facts,
 *    "Tunnel inside CIDRs": a reused block breaks the customer device).
 *  - `shared-vpc-prefix`: overlapping spoke or egress VPC ranges announced to the same router by two
 *    hubs: on-prem would route one stack's traffic into the other's network.
 * and examples that name no deployed stack (`example-of-not-deployed`). Pure but for reading files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { overlaps } from "../infra/lib/cidr";
import { SettingsError } from "../infra/settings/errors";
import { loadSettings } from "../infra/settings/load";
import type { NetworkSettings } from "../infra/settings/types";
import { parseStackConfig, readProjectName } from "./runtime/stack-config";

export interface StackFile {
  stack: string;
  /** The file name, `Pulumi.<stack>.yaml`. */
  file: string;
  /** The deployed stack it is an example state of; absent: deployed. */
  exampleOf?: string;
  /** Its validated settings; absent when the config is invalid (`error` says why). */
  settings?: NetworkSettings;
  error?: string;
}

export interface StackFileIssue {
  rule: "stack-file-invalid" | "example-of-not-deployed" | "shared-customer-gateway" | "shared-inside-cidr" | "shared-vpc-prefix";
  message: string;
}

/** Every Pulumi.<stack>.yaml of the project at `root`, by stack name. */
export function readStackFiles(root: string): StackFile[] {
  const project = readProjectName(root);
  return readdirSync(root)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== undefined)
    .map(([file, stack = ""]) => {
      const text = readFileSync(join(root, file), "utf8");
      const raw = (parse(text) as { config?: Record<string, unknown> } | null)?.config?.[`${project}:exampleOf`];
      const exampleOf = typeof raw === "string" ? raw : undefined;
      try {
        const settings = loadSettings(parseStackConfig(text, project), { project, stack });
        return { stack, file, settings, ...(exampleOf !== undefined ? { exampleOf } : {}) };
      } catch (e) {
        const error = e instanceof SettingsError ? `${e.issues.length} config errors (npm run plan -- --stack ${stack})` : String(e);
        return { stack, file, error, ...(exampleOf !== undefined ? { exampleOf } : {}) };
      }
    })
    .sort((a, b) => a.stack.localeCompare(b.stack));
}

/** The stacks that are deployed: every stack file that is no example state. */
export function deployedStacks(files: StackFile[]): string[] {
  return files.filter((f) => f.exampleOf === undefined).map((f) => f.stack);
}

/** The account a stack's hub and customer gateways live in: its network account's id, or the credentials'. */
function accountOf(s: NetworkSettings): string | undefined {
  return s.accounts.find((a) => a.name === s.networkAccount)?.accountId;
}

/** Where a stack's VPN meets a router: per connection tunnel, the router address and the inside CIDR. */
function tunnelsOf(f: StackFile, s: NetworkSettings) {
  return s.vpnConnections.flatMap((c) => {
    const router = s.customerGateways.find((g) => g.name === c.customerGateway)?.ipAddress ?? "";
    return c.tunnels.map((t, i) => ({ router, cidr: t.insideCidr, where: `${f.file} vpnConnections[${c.name}].tunnel${i + 1}` }));
  });
}

function vpcRanges(f: StackFile, s: NetworkSettings) {
  return [
    ...s.spokes.map((x) => ({ cidr: x.cidr, where: `${f.file} spokes[${x.name}]` })),
    ...(s.centralEgress ? [{ cidr: s.centralEgress.cidr, where: `${f.file} centralEgress` }] : []),
  ];
}

/** The problems of two deployed stacks that would be two hubs for one router. */
function collisions(a: StackFile, sa: NetworkSettings, b: StackFile, sb: NetworkSettings): StackFileIssue[] {
  const issues: StackFileIssue[] = [];
  const [accountA, accountB] = [accountOf(sa), accountOf(sb)];
  const sameAccount = accountA === undefined || accountB === undefined || accountA === accountB;
  if (sameAccount && sa.region === sb.region) {
    for (const ga of sa.customerGateways) {
      for (const gb of sb.customerGateways) {
        if (ga.ipAddress !== gb.ipAddress || ga.bgpAsn !== gb.bgpAsn || ga.deviceName !== gb.deviceName) continue;
        issues.push({
          rule: "shared-customer-gateway",
          message:
            `${a.file} customerGateways[${ga.name}] and ${b.file} customerGateways[${gb.name}]: ${ga.ipAddress} AS${ga.bgpAsn}` +
            `${ga.deviceName !== undefined ? ` (${ga.deviceName})` : ""} in ${sa.region} of account ${accountA ?? accountB ?? "(the credentials')"}: ` +
            `AWS returns one customer gateway for both stacks, and removing it from either deletes it under the other's tunnels`,
        });
      }
    }
  }
  const routersA = new Set(sa.customerGateways.map((g) => g.ipAddress));
  const shared = sb.customerGateways.map((g) => g.ipAddress).filter((ip) => routersA.has(ip));
  for (const ta of tunnelsOf(a, sa)) {
    for (const tb of tunnelsOf(b, sb)) {
      if (ta.router !== tb.router || !overlaps(ta.cidr, tb.cidr)) continue;
      issues.push({
        rule: "shared-inside-cidr",
        message: `tunnel inside CIDR ${ta.cidr} in ${ta.where} and ${tb.where}, both toward the router ${ta.router}: it cannot hold two tunnels with the same inside addresses`,
      });
    }
  }
  if (shared.length > 0) {
    for (const va of vpcRanges(a, sa)) {
      for (const vb of vpcRanges(b, sb)) {
        if (!overlaps(va.cidr, vb.cidr)) continue;
        issues.push({
          rule: "shared-vpc-prefix",
          message: `${va.where} ${va.cidr} and ${vb.where} ${vb.cidr} overlap, and both hubs announce them to the router ${[...new Set(shared)].join(", ")}: on-prem would send one stack's traffic into the other's network`,
        });
      }
    }
  }
  return issues;
}

/** Every problem of a project's stack files: examples naming no deployed stack, deployed stacks that collide. */
export function checkStackFiles(files: StackFile[]): StackFileIssue[] {
  const issues: StackFileIssue[] = [];
  const byStack = new Map(files.map((f) => [f.stack, f]));
  for (const f of files) {
    if (f.error !== undefined) issues.push({ rule: "stack-file-invalid", message: `${f.file}: ${f.error}; it cannot be checked` });
    if (f.exampleOf === undefined) continue;
    const target = byStack.get(f.exampleOf);
    if (!target) issues.push({ rule: "example-of-not-deployed", message: `${f.file} exampleOf: no stack file Pulumi.${f.exampleOf}.yaml` });
    else if (target.exampleOf !== undefined)
      issues.push({
        rule: "example-of-not-deployed",
        message: `${f.file} exampleOf: ${f.exampleOf} is an example state itself, not a deployed stack`,
      });
  }
  const deployed = files.filter((f) => f.exampleOf === undefined);
  for (const [i, a] of deployed.entries()) {
    for (const b of deployed.slice(i + 1)) {
      if (a.settings && b.settings) issues.push(...collisions(a, a.settings, b, b.settings));
    }
  }
  return issues;
}
