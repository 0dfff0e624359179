/**
 * Flows by class: one representative flow per ordered pair of classes, the flow between the first
 * members of the two classes (within one class, its first member to its second). Every member
 * pair of the two classes routes as the representative does (key.ts), so counts, intent, failures
 * and capacity are computed on the representatives and expanded to the members; a member pair's
 * own flow (its names, its deciding route's text, its hops) is evaluated when it is read.
 */
import type { AnalysisContext } from "../context";
import type { FlowSet, GroupCell } from "../flow-set";
import { cellsOf, countCell } from "../flow-set";
import type { FailureSet } from "../lookup";
import { nothingDown } from "../lookup";
import type { Flow, Touched } from "../reachability";
import { evaluateFlow, pairFlows } from "../reachability";
import type { EndpointClasses } from "./index";

export class ClassFlows implements FlowSet {
  /** Representative flow per (source class, destination class); undefined within a one-member class. */
  private readonly rep: (Flow | undefined)[][];
  /** Representative pair (endpoint positions) per pair of classes. */
  private readonly repPair: ([number, number] | undefined)[][];
  /** What each representative flow depends on (failure analysis). */
  readonly touched: Touched;

  constructor(
    readonly ctx: AnalysisContext,
    readonly classes: EndpointClasses,
  ) {
    const { members, count } = classes;
    const ep = classes.endpoints;
    this.rep = members.map(() => new Array<Flow | undefined>(count).fill(undefined));
    this.repPair = members.map(() => new Array<[number, number] | undefined>(count).fill(undefined));
    const pairs: [number, number][] = [];
    for (let a = 0; a < count; a++) {
      const first = members[a]![0]!;
      const second = members[a]![1];
      if (second !== undefined) pairs.push([first, second]);
      for (let b = a + 1; b < count; b++) pairs.push([first, members[b]![0]!]);
    }
    const { flows, touched } = pairFlows(
      ctx,
      pairs.map(([i, j]) => [ep[i]!, ep[j]!] as const),
    );
    pairs.forEach(([i, j], k) => {
      const [there, back] = flows[k]!;
      const a = classes.classOf[i]!;
      const b = classes.classOf[j]!;
      this.rep[a]![b] = there;
      this.repPair[a]![b] = [i, j];
      if (a !== b) {
        this.rep[b]![a] = back;
        this.repPair[b]![a] = [j, i];
      }
    });
    this.touched = touched;
  }

  get size(): number {
    const n = this.classes.endpoints.length;
    return n * (n - 1);
  }

  /** The representative flow from class `a` to class `b` (undefined within a one-member class). */
  classFlow(a: number, b: number): Flow | undefined {
    return this.rep[a]?.[b];
  }

  /** The representative's flow from class `a` to class `b` evaluated under `down`. */
  classFlowUnder(a: number, b: number, down: FailureSet): Flow | undefined {
    const pair = this.repPair[a]?.[b];
    return pair ? this.flowAt(pair[0], pair[1], down) : undefined;
  }

  /** The flow between two endpoints (positions), evaluated under `down` unless it is a representative. */
  flowAt(i: number, j: number, down: FailureSet = nothingDown): Flow {
    const ep = this.classes.endpoints;
    if (down === nothingDown) {
      const a = this.classes.classOf[i]!;
      const b = this.classes.classOf[j]!;
      const pair = this.repPair[a]?.[b];
      if (pair && pair[0] === i && pair[1] === j) return this.rep[a]![b]!;
    }
    return evaluateFlow(this.ctx, ep[i]!, ep[j]!, down);
  }

  /** Pairs (endpoint positions), in flow order, whose classes' representative flow `pick` selects. */
  pairsWhere(pick: (flow: Flow, a: number, b: number) => boolean): Generator<[number, number]> {
    return this.classes.pairs((a, b) => {
      const f = this.rep[a]?.[b];
      return f !== undefined && pick(f, a, b);
    });
  }

  *[Symbol.iterator](): Iterator<Flow> {
    const n = this.classes.endpoints.length;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) yield this.flowAt(i, j);
  }

  counted(): number {
    let k = 0;
    this.forEachClassPair((f, pairs) => {
      if (f.status !== "n/a") k += pairs;
    });
    return k;
  }

  get(from: string, to: string): Flow | undefined {
    for (const i of this.classes.named(from)) for (const j of this.classes.named(to)) if (i !== j) return this.flowAt(i, j);
    return undefined;
  }

  cells(): GroupCell[] {
    const counts = new Map<number, GroupCell>();
    this.forEachClassPair((f, pairs, a, b) => countCell(this.classes, counts, a, b, f.status, pairs));
    return cellsOf(this.classes, counts);
  }

  notable(names: ReadonlySet<string>): Flow[] {
    const picked = new Set<number>();
    const n = this.classes.endpoints.length;
    for (const [i, j] of this.pairsWhere((f) => f.status === "partial")) picked.add(i * n + j);
    for (const name of names) {
      const [from, to] = name.split(" -> ");
      if (from === undefined || to === undefined) continue;
      for (const i of this.classes.named(from))
        for (const j of this.classes.named(to)) {
          if (i === j) continue;
          const f = this.classFlow(this.classes.classOf[i]!, this.classes.classOf[j]!);
          if (f && f.status !== "n/a") picked.add(i * n + j);
        }
    }
    return [...picked].sort((x, y) => x - y).map((k) => this.flowAt(Math.floor(k / n), k % n));
  }

  toJSON(): Flow[] {
    return [...this];
  }

  /** Each representative flow with the number of member pairs it stands for. */
  private forEachClassPair(visit: (f: Flow, pairs: number, a: number, b: number) => void): void {
    const { members } = this.classes;
    members.forEach((ma, a) =>
      members.forEach((mb, b) => {
        const f = this.rep[a]![b];
        if (f) visit(f, a === b ? ma.length * (ma.length - 1) : ma.length * mb.length, a, b);
      }),
    );
  }
}
