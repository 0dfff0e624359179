/**
 * Every flow of an analysis, source by source and destinations in order (spokes, zones, the
 * internet). Walked pair by pair (`PairwiseFlows`, every flow held), or by class
 * (classes/flows.ts: one representative flow per pair of classes, a member's flow evaluated only
 * when read). Both answer the report alike.
 */
import type { EndpointClasses } from "./classes";
import type { Flow } from "./reachability";

/** Flow counts between two groups of networks (a spoke class, a zone, the internet), by status. */
export interface GroupCell {
  from: string;
  to: string;
  reachable: number;
  blocked: number;
  partial: number;
}

export interface FlowSet extends Iterable<Flow> {
  /** Every flow, n/a ones included: n x (n - 1) for n networks. */
  readonly size: number;
  /** Flows that are not n/a. */
  counted(): number;
  /** The first flow from `from` to `to` (by name), or undefined. */
  get(from: string, to: string): Flow | undefined;
  /** Flow counts per pair of classes (n/a left out), sources then destinations in class order. */
  cells(): GroupCell[];
  /** In flow order, the flows that are partial or whose `from -> to` is in `names`. */
  notable(names: ReadonlySet<string>): Flow[];
  /** Every flow (for JSON.stringify). */
  toJSON(): Flow[];
}

/** Cells from (source class, destination class, status, count) facts, in class order. */
export function cellsOf(classes: EndpointClasses, counts: Map<number, GroupCell>): GroupCell[] {
  const c = classes.count;
  return [...counts.entries()].sort(([x], [y]) => Math.floor(x / c) - Math.floor(y / c) || (x % c) - (y % c)).map(([, cell]) => cell);
}

/** Adds `k` flows of `status` between classes `a` and `b`. */
export function countCell(
  classes: EndpointClasses,
  counts: Map<number, GroupCell>,
  a: number,
  b: number,
  status: Flow["status"],
  k: number,
): void {
  if (status === "n/a" || k === 0) return;
  const key = a * classes.count + b;
  let cell = counts.get(key);
  if (!cell) counts.set(key, (cell = { from: classes.names[a]!, to: classes.names[b]!, reachable: 0, blocked: 0, partial: 0 }));
  cell[status] += k;
}

/** The flows of the pairwise analysis, every one held in flow order. */
export class PairwiseFlows implements FlowSet {
  constructor(
    private readonly flows: readonly Flow[],
    private readonly classes: EndpointClasses,
  ) {}

  get size(): number {
    return this.flows.length;
  }

  [Symbol.iterator](): Iterator<Flow> {
    return this.flows[Symbol.iterator]();
  }

  counted(): number {
    return this.flows.filter((f) => f.status !== "n/a").length;
  }

  get(from: string, to: string): Flow | undefined {
    return this.flows.find((f) => f.from === from && f.to === to);
  }

  cells(): GroupCell[] {
    const { classes } = this;
    const n = classes.endpoints.length;
    const counts = new Map<number, GroupCell>();
    // Flows are source by source, destinations in order, one endpoint never with itself.
    this.flows.forEach((f, k) => {
      const i = Math.floor(k / (n - 1));
      const r = k % (n - 1);
      const j = r < i ? r : r + 1;
      countCell(classes, counts, classes.classOf[i]!, classes.classOf[j]!, f.status, 1);
    });
    return cellsOf(classes, counts);
  }

  notable(names: ReadonlySet<string>): Flow[] {
    return this.flows.filter((f) => f.status !== "n/a" && (f.status === "partial" || names.has(`${f.from} -> ${f.to}`)));
  }

  toJSON(): Flow[] {
    return [...this.flows];
  }
}
