/**
 * The transit gateway's route quota (all route tables together): the plan counts the routes the
 * program registered and fails, naming the count and the key, when they exceed hub.tgwRouteQuota.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { reportOf } from "../plan/report/build";
import { analyse } from "../plan/analysis";
import { planOk, types } from "./harness";

test("prod: the TGW routes are counted against hub.tgwRouteQuota; over it, the plan fails and says why", async () => {
  const run = await planOk("prod");
  const a = analyse(run);
  // Every static route, and every propagated prefix once per propagating attachment.
  const statics = run.resources.filter((r) => r.type === types.tgwRoute).length;
  assert.ok(statics > 0 && a.model.tgwRoutes.length > statics);
  const fine = reportOf(run, a);
  assert.equal(fine.ok, true);
  assert.match(
    fine.markdown,
    new RegExp(`TGW routes: ${a.model.tgwRoutes.length} in 5 route tables, of 10000 \\(hub\\.tgwRouteQuota\\)\\.\\n`),
  );

  const tight = await planOk("prod", { edit: (c) => ((c.hub as Record<string, unknown>).tgwRouteQuota = 100) });
  const over = reportOf(tight, analyse(tight));
  assert.equal(over.ok, false);
  const text = `the TGW route tables hold ${a.model.tgwRoutes.length} routes; hub.tgwRouteQuota is 100: raise the quota (Service Quotas) or merge segments`;
  assert.ok(over.markdown.includes(`**Over the quota**: ${text}.`));
  assert.ok(over.markdown.includes(`${text} (Capacity)`), "named in the summary's attention list");
  const json = JSON.parse(over.json) as { ok: boolean; capacity: { tgwRoutes: { count: number; quota: number } } };
  assert.deepEqual([json.ok, json.capacity.tgwRoutes.count, json.capacity.tgwRoutes.quota], [false, a.model.tgwRoutes.length, 100]);
});
