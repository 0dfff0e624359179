/**
 * The order in which Pulumi deletes what a program no longer registers. The engine issues those
 * deletes only once the program has exited, so after every create and update of the run; then it
 * deletes in waves from the old state's dependency graph, dependents before what they depend on:
 * each wave is the condemned resources no other condemned resource depends on (Pulumi developer
 * docs, architecture/resource-registration.md, "The Step Generator"). A resource the new run keeps
 * and updates (a route moved from a NAT gateway to the TGW) is therefore updated before anything it
 * used to depend on is deleted.
 */
import type { CapturedResource, CapturedRun } from "../runtime/captured-run";

/** What a resource of the old state depends on: its dependencies, parent and provider. */
function dependsOn(r: CapturedResource): string[] {
  const provider = r.provider ? r.provider.split("::").slice(0, -1).join("::") : "";
  return [...r.dependencies, r.parent, provider].filter((u) => u !== "");
}

/**
 * The waves in which Pulumi deletes `condemned` (URNs of `before`), in order; within a wave, in the
 * run's order. A dependency cycle (which Pulumi would refuse) ends in one last wave.
 */
export function deletionWaves(before: CapturedRun, condemned: string[]): string[][] {
  const byUrn = new Map(before.resources.map((r) => [r.urn, r]));
  const order = new Map(before.resources.map((r, i) => [r.urn, i]));
  let remaining = [...new Set(condemned)].filter((u) => byUrn.has(u));
  const waves: string[][] = [];
  while (remaining.length > 0) {
    const needed = new Set(remaining.flatMap((u) => dependsOn(byUrn.get(u) as CapturedResource)));
    const wave = remaining.filter((u) => !needed.has(u));
    if (wave.length === 0) {
      waves.push(remaining);
      break;
    }
    waves.push(wave.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
    remaining = remaining.filter((u) => needed.has(u));
  }
  return waves;
}
