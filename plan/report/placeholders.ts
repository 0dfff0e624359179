/**
 * Values the offline run made up read as known after deploy. The recording mocks note, per
 * resource, which outputs they invented (`placeholders`: ids, ARNs, AWS's outside addresses; see
 * plan/runtime/mocks.ts); wherever the report would print one of those values (the VPN tunnels,
 * the resources' key inputs, the stack outputs), it prints the marker instead, in markdown and JSON
 * alike, so nobody configures a device with a mock address and a tool can tell the two apart.
 *
 * Only what the report prints changes: the analysis and the diff keep matching resources by their
 * mock ids.
 */
import { StreamedList } from "./json-stream";
import type { CapturedResource, CapturedRun } from "../runtime/captured-run";

/** What the report prints for a value AWS assigns at deploy. */
export const knownAfterDeploy = "(known after deploy)";

/** Where a placeholder came from: a resource and its output (`id` for its id). */
export interface PlaceholderOrigin {
  resource: CapturedResource;
  output: string;
}

/** The run's made-up values, by value. */
export type Placeholders = ReadonlyMap<string, PlaceholderOrigin>;

// A memo keyed by the run and weak, as run-index.ts: one run's placeholders never reach another's.
const cache = new WeakMap<CapturedRun, Placeholders>();

/** The made-up values of a run (computed once per run). */
export function placeholdersOf(run: CapturedRun): Placeholders {
  let index = cache.get(run);
  if (!index) {
    const map = new Map<string, PlaceholderOrigin>();
    for (const resource of run.resources) {
      if (!resource.custom) continue;
      for (const output of resource.placeholders ?? []) {
        const value = output === "id" ? resource.id : resource.outputs[output];
        if (typeof value === "string" && value !== "" && !map.has(value)) map.set(value, { resource, output });
      }
    }
    index = map;
    cache.set(run, index);
  }
  return index;
}

/** The value, or the marker when the mocks made it up. */
export function shown(placeholders: Placeholders, value: unknown): unknown {
  return typeof value === "string" && placeholders.has(value) ? knownAfterDeploy : value;
}

/** A plain value with `replace` applied to every leaf (objects, arrays and their toJSON walked). */
function deep(value: unknown, replace: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => deep(v, replace));
  // A list written item by item (every flow of a large stack) stays one: each item is replaced as it is written.
  if (value instanceof StreamedList) return new StreamedList(mapped(value.items as Iterable<unknown>, (v) => deep(v, replace)));
  if (value && typeof value === "object") {
    const plain = "toJSON" in value && typeof value.toJSON === "function" ? (value.toJSON as () => unknown)() : value;
    if (plain !== value) return deep(plain, replace);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, replace)]));
  }
  return replace(value);
}

/** A plain value with every made-up value replaced by the marker. */
export function withoutPlaceholders(placeholders: Placeholders, value: unknown): unknown {
  return deep(value, (v) => shown(placeholders, v));
}

/** A plain value with every made-up value said as what it refers to (see `reference`). */
export function withReferences(placeholders: Placeholders, value: unknown): unknown {
  return deep(value, (v) => reference(placeholders, v));
}

/**
 * An input that holds another resource's made-up value, said as what it refers to:
 * `id of hub-onprem (known after deploy)`. Other values as they are.
 */
export function reference(placeholders: Placeholders, value: unknown): unknown {
  const origin = typeof value === "string" ? placeholders.get(value) : undefined;
  return origin ? `${origin.output} of ${origin.resource.name} ${knownAfterDeploy}` : value;
}

function* mapped<T, U>(items: Iterable<T>, f: (t: T) => U): Generator<U> {
  for (const t of items) yield f(t);
}
