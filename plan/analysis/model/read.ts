/** Reading provider inputs and outputs of captured resources: the model builders' shared helpers. */

/** A non-empty string, else undefined (an unset or unknown input). */
export function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The first item per key, in order (AWS ids are unique; a duplicate capture keeps the first). */
export function firstBy<T>(items: T[], key: (t: T) => string | undefined): Map<string, T> {
  const out = new Map<string, T>();
  for (const t of items) {
    const k = key(t);
    if (k !== undefined && !out.has(k)) out.set(k, t);
  }
  return out;
}

/** An input that is a list of objects (inline routes, ACL rules); anything else is no list. */
export function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
}
