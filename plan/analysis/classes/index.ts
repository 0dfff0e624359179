/**
 * Endpoint classes: the spokes grouped by class key (key.ts), each on-prem zone and the internet a
 * class of its own. Classes are numbered in the order of their first member, so spoke classes come
 * first (in the order of the settings' spokes), then the zones, then the internet.
 */
import type { CapturedRun } from "../../runtime/captured-run";
import type { AnalysisContext } from "../context";
import type { Endpoint } from "../reachability";
import { spokeClassKeys } from "./key";

export class EndpointClasses {
  /** Every endpoint, in flow order (the analysis context's). */
  readonly endpoints: readonly Endpoint[];
  /** Endpoint position -> class. */
  readonly classOf: readonly number[];
  /** Class -> its members' endpoint positions, ascending. */
  readonly members: readonly (readonly number[])[];
  /** Class -> its name in the report: `class <n>` for spokes, the zone's name, `internet`. */
  readonly names: readonly string[];
  /** Endpoint name -> positions (a name may be both a spoke and a zone). */
  private readonly byName = new Map<string, number[]>();

  constructor(endpoints: readonly Endpoint[], spokeKeys: readonly string[]) {
    this.endpoints = endpoints;
    const classByKey = new Map<string, number>();
    const classOf: number[] = [];
    const members: number[][] = [];
    const names: string[] = [];
    let spokeClasses = 0;
    endpoints.forEach((e, i) => {
      const key = e.kind === "spoke" ? `spoke\n${spokeKeys[i] ?? `!${i}`}` : `${e.kind}\n${i}`;
      let c = classByKey.get(key);
      if (c === undefined) {
        classByKey.set(key, (c = members.length));
        members.push([]);
        names.push(e.kind === "spoke" ? `class ${++spokeClasses}` : e.name);
      }
      classOf.push(c);
      members[c]!.push(i);
      const same = this.byName.get(e.name);
      if (same) same.push(i);
      else this.byName.set(e.name, [i]);
    });
    this.classOf = classOf;
    this.members = members;
    this.names = names;
  }

  /** The classes of a context's endpoints, spokes keyed by what `run` registered (the run the context's model was built from). */
  static of(ctx: AnalysisContext, run: CapturedRun): EndpointClasses {
    const keys = spokeClassKeys(run, ctx.model.settings, ctx.ix);
    // Endpoints start with the settings' spokes, in order (reachability/endpoints.ts).
    return new EndpointClasses(ctx.endpoints.all, keys);
  }

  get count(): number {
    return this.members.length;
  }

  /** Endpoint positions with this name. */
  named(name: string): readonly number[] {
    return this.byName.get(name) ?? [];
  }

  /** The spoke classes' members by name, for the report. */
  spokeClasses(): { name: string; members: Endpoint[] }[] {
    return this.members
      .map((m, c) => ({ name: this.names[c]!, members: m.map((i) => this.endpoints[i]!) }))
      .filter((c) => c.members[0]?.kind === "spoke");
  }

  /**
   * Every (source, destination) pair of endpoint positions whose classes `pick` selects, in flow
   * order (source by source, destinations in order), a pair of one endpoint with itself left out.
   */
  *pairs(pick: (from: number, to: number) => boolean): Generator<[number, number]> {
    const n = this.endpoints.length;
    const selected = this.members.map((_, a) => this.members.map((__, b) => b).filter((b) => pick(a, b)));
    for (let i = 0; i < n; i++) {
      const chosen = selected[this.classOf[i]!]!;
      if (chosen.length === 0) continue;
      const total = chosen.reduce((k, b) => k + this.members[b]!.length, 0);
      if (chosen.length === 1 || total * 8 < n) {
        const js = chosen.length === 1 ? this.members[chosen[0]!]! : chosen.flatMap((b) => this.members[b]!).sort((x, y) => x - y);
        for (const j of js) if (j !== i) yield [i, j];
      } else {
        const wanted = new Set(chosen);
        for (let j = 0; j < n; j++) if (j !== i && wanted.has(this.classOf[j]!)) yield [i, j];
      }
    }
  }
}
