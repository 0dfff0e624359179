/**
 * Lookups over a captured run, built once per run and shared by the report sections and the
 * analysis: resources by type, by id and by parent.
 */
import type { CapturedResource, CapturedRun } from "./captured-run";

/** Groups items by a key, keeping their order within each group. */
export function groupBy<K, T>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

interface RunIndex {
  byType: Map<string, CapturedResource[]>;
  byId: Map<string, CapturedResource>;
  byParent: Map<string, CapturedResource[]>;
}

// Keyed by the run itself and weak: an index belongs to one run and goes with it, so runs never
// share one (the only module-level state here, a memo of a pure function of its key).
const indexes = new WeakMap<CapturedRun, RunIndex>();

function indexOf(run: CapturedRun): RunIndex {
  let index = indexes.get(run);
  if (!index) {
    const custom = run.resources.filter((r) => r.custom);
    index = {
      byType: groupBy(custom, (r) => r.type),
      byId: new Map(custom.map((r) => [r.id, r])),
      byParent: groupBy(custom, (r) => r.parent),
    };
    indexes.set(run, index);
  }
  return index;
}

/** The run's custom resources of one type, in registration order. */
export function ofType(run: CapturedRun, type: string): CapturedResource[] {
  return indexOf(run).byType.get(type) ?? [];
}

/** The custom resource with this mock id. */
export function resourceById(run: CapturedRun, id: unknown): CapturedResource | undefined {
  return typeof id === "string" ? indexOf(run).byId.get(id) : undefined;
}

/** The custom children of a resource, optionally of one type. */
export function childrenOf(run: CapturedRun, parent: CapturedResource, type?: string): CapturedResource[] {
  const children = indexOf(run).byParent.get(parent.urn) ?? [];
  return type === undefined ? children : children.filter((r) => r.type === type);
}
