/**
 * Route model: the routing state the program registered, read from a captured run (not from the
 * settings), one builder per area: the TGW hub and its routes (tgw.ts), attachments and
 * associations (attachments.ts), VPCs with their route tables and subnets (vpcs.ts), gateways
 * (gateways.ts), network ACLs (network-acls.ts), security groups (security-groups.ts), and for the
 * diagram the flow logs and alarm subscriptions (observability.ts). The shapes are in types.ts.
 */
import type { CapturedRun } from "../../runtime/captured-run";
import { awsTypes } from "../../runtime/types";
import { attachmentFinder, buildAttachments, readAssociations } from "./attachments";
import { buildCustomerGateways, buildInternetGateways, buildNats } from "./gateways";
import { buildNetworkAcls } from "./network-acls";
import { buildAlarmSubscriptions, buildFlowLogs } from "./observability";
import { buildSecurityGroups } from "./security-groups";
import { buildTgw, buildTgwRoutes, buildTgwTables } from "./tgw";
import type { Attachment, RouteModel } from "./types";
import { buildVpcs } from "./vpcs";

export type * from "./types";
export { awsTypes };

/**
 * Builds the route model of a captured run. `run.settings` supplies only what on-prem announces and
 * the names of spokes. The builders run in this order so that `notes` keep their order.
 */
export function buildRouteModel(run: CapturedRun): RouteModel {
  const settings = run.settings;
  if (!settings) throw new Error("the captured run has no settings (the configuration was invalid)");
  const notes: string[] = [];
  const tgw = buildTgw(run, notes);
  const tables = buildTgwTables(run);
  const customerGateways = buildCustomerGateways(run);
  const networkAcls = buildNetworkAcls(run, notes);
  const { vpcs, vpcTables, subnets } = buildVpcs(run, settings, notes);
  const nats = buildNats(run, subnets);
  const igws = buildInternetGateways(run);
  const attachments = buildAttachments(run, settings, vpcs, customerGateways, notes);
  const attachmentOf = attachmentFinder(attachments);
  readAssociations(run, attachmentOf, notes);
  const tgwRoutes = buildTgwRoutes(run, attachmentOf, notes);
  const securityGroups = buildSecurityGroups(run, notes);
  return {
    stack: run.stack,
    ...(tgw ? { tgw } : {}),
    tables,
    attachments,
    tgwRoutes,
    vpcs,
    subnets,
    vpcTables,
    nats,
    igws,
    networkAcls,
    securityGroups,
    flowLogs: buildFlowLogs(run),
    alarmSubscriptions: buildAlarmSubscriptions(run),
    customerGateways,
    settings,
    notes,
  };
}

export function attachmentLabel(att: Attachment): string {
  return att.kind === "vpn" ? `VPN ${att.name}` : `VPC attachment ${att.name}`;
}

/** Every tunnel of every VPN attachment: `<vpn>/tunnel1`, `<vpn>/tunnel2`. */
export function tunnelsOf(att: Attachment): string[] {
  return att.kind === "vpn" ? [`${att.name}/tunnel1`, `${att.name}/tunnel2`] : [];
}
