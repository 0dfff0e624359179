/** One broken rule in the stack configuration. */
export interface SettingsIssue {
  /** Config key path, by name where items have names: `vpnConnections[vpn-1].tunnel1.insideCidr`. */
  path: string;
  /** Short id of the rule, stable for tests and docs: `tunnel-inside-cidr-reserved`. */
  rule: string;
  /** What is wrong and what is allowed, with the offending value (masked for secrets). */
  message: string;
}

export function formatIssue(issue: SettingsIssue): string {
  return `${issue.path}: ${issue.message} [${issue.rule}]`;
}

/** Thrown before any resource is registered when the configuration breaks one or more rules. */
export class SettingsError extends Error {
  constructor(
    readonly issues: SettingsIssue[],
    readonly stack_?: string,
  ) {
    super(
      `Invalid stack configuration: ${issues.length} error${issues.length === 1 ? "" : "s"}\n` +
        issues.map((i) => `  - ${formatIssue(i)}`).join("\n"),
    );
    this.name = "SettingsError";
  }
}

/** Collects issues; rules call `report` and never throw. */
export class IssueCollector {
  readonly issues: SettingsIssue[] = [];
  report(path: string, rule: string, message: string): void {
    this.issues.push({ path, rule, message });
  }
}

/** Builds a key path: keyPath("vpnConnections", "vpn-1", "tunnel1") -> `vpnConnections[vpn-1].tunnel1`. */
export function keyPath(list: string, itemName?: string, ...rest: (string | number)[]): string {
  let out = itemName === undefined ? list : `${list}[${itemName}]`;
  for (const part of rest) out += typeof part === "number" ? `[${part}]` : `.${part}`;
  return out;
}

/** Shows a value in a message; strings are quoted so spaces and empty values are visible. */
export function show(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}
