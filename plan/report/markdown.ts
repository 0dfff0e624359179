/** Markdown helpers the report sections share: table rows and a resource's account (its provider). */

function cell(v: unknown): string {
  const text = typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
  return text.replace(/\|/g, "\\|");
}

/** A markdown table: header, separator, one line per row. */
export function table(headers: string[], rows: unknown[][]): string[] {
  return [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** `urn:...$pulumi:providers:aws::aws-test::id` -> `aws-test`; no explicit provider -> `default`. */
export function providerName(ref: string): string {
  if (!ref) return "default";
  const urn = ref.split("::").slice(0, -1).join("::");
  return urn.split("::").pop() ?? ref;
}
