/**
 * Walks shared between flows. A walk from on-prem does not depend on the zone it starts in, so it
 * is kept for the whole analysis (per failure set, in the analysis context); walks from a subnet
 * are kept for one pair of endpoints (their return walks repeat for every source subnet). A walk
 * that crosses no NAT is the same with `noNat`, so it answers both (but a `noNat` walk refused at a
 * NAT is no plain walk: the plain one crosses that NAT).
 */
import type { AnalysisContext } from "../context";
import type { FailureSet } from "../lookup";
import type { Start, Suffixes, Walk } from "./walk";
import { walkIn } from "./walk";

/** Walks by start and destination: [plain, noNat]. */
type WalkCache = Map<string, Map<string, [Walk?, Walk?]>>;

/** What the untraced walks under one failure set share; the analysis context keeps one per failure set. */
export interface WalkScope {
  readonly ctx: AnalysisContext;
  readonly down: FailureSet;
  /** Walks from on-prem. */
  readonly onPrem: WalkCache;
  /** Walk ends from a TGW route table on (walk.ts). */
  readonly suffixes: Suffixes;
}

export function walkScope(ctx: AnalysisContext, down: FailureSet): WalkScope {
  return { ctx, down, onPrem: new Map(), suffixes: new Map() };
}

export class Walker {
  private readonly local: WalkCache = new Map();

  private constructor(
    readonly ctx: AnalysisContext,
    readonly down: FailureSet,
    private readonly shared: WalkCache,
    private readonly trace: boolean,
    private readonly suffixes: Suffixes | undefined,
  ) {}

  /** Walks that only decide (untraced), sharing the scope's walks from on-prem and walk ends. */
  static deciding(scope: WalkScope): Walker {
    return new Walker(scope.ctx, scope.down, scope.onPrem, false, scope.suffixes);
  }

  /** Walks that record their hops too, sharing nothing beyond this walker. */
  static tracing(ctx: AnalysisContext, down: FailureSet): Walker {
    return new Walker(ctx, down, new Map(), true, undefined);
  }

  /** Forgets the walks kept for one pair, to serve the next (the shared ones stay). */
  reset(): this {
    this.local.clear();
    return this;
  }

  walk(start: Start, dest: string, noNat = false): Walk {
    const cache = start.kind === "onprem" ? this.shared : this.local;
    const at = start.kind === "onprem" ? "onprem" : start.subnetId;
    let byDest = cache.get(at);
    if (!byDest) cache.set(at, (byDest = new Map()));
    let pair = byDest.get(dest);
    if (!pair) byDest.set(dest, (pair = [undefined, undefined]));
    const plain = pair[0];
    if (plain && (!noNat || plain.nats.length === 0)) return plain;
    if (noNat) {
      let w = pair[1];
      if (!w) pair[1] = w = walkIn(this.ctx, start, dest, this.down, true, this.trace, this.suffixes);
      if (w.nats.length === 0 && !w.refusedNat) pair[0] = w;
      return w;
    }
    const w = walkIn(this.ctx, start, dest, this.down, false, this.trace, this.suffixes);
    pair[0] = w;
    return w;
  }
}
