/**
 * TGW attachments: VPC attachments (`vpcId`, `subnetIds`, `applianceModeSupport`) and the VPN's
 * attachment (the `VpnConnection` output `transitGatewayAttachmentId`), each with what it
 * propagates, and the route table each is associated with.
 *
 * What an attachment propagates is not a resource, so it is derived: a VPC attachment advertises
 * its VPC's CIDR; a BGP VPN attachment advertises what on-prem announces per the settings (the
 * advertised zones' CIDRs, plus 0.0.0.0/0 when on-prem advertises a default route); a static VPN
 * attachment propagates nothing (its routes are static TGW routes).
 */
import { tunnelGbps } from "../../../infra/settings/defaults";
import type { NetworkSettings } from "../../../infra/settings/types";
import type { CapturedRun } from "../../runtime/captured-run";
import { ofType } from "../../runtime/run-index";
import { awsTypes } from "../../runtime/types";
import { firstBy, str } from "./read";
import type { Attachment, CustomerGateway, Vpc } from "./types";

/** An attachment by an input that names its id (undefined: not a string, or no such attachment). */
export type AttachmentFinder = (id: unknown) => Attachment | undefined;

export function attachmentFinder(attachments: Attachment[]): AttachmentFinder {
  const byId = firstBy(attachments, (a) => a.id);
  return (v) => (typeof v === "string" ? byId.get(v) : undefined);
}

/** VPC attachments, then the VPN attachments of the hub (a VPN on a virtual private gateway is not part of it). */
export function buildAttachments(
  run: CapturedRun,
  settings: NetworkSettings,
  vpcs: Vpc[],
  customerGateways: CustomerGateway[],
  notes: string[],
): Attachment[] {
  return [...vpcAttachments(run, vpcs, notes), ...vpnAttachments(run, settings, customerGateways)];
}

function vpcAttachments(run: CapturedRun, vpcs: Vpc[], notes: string[]): Attachment[] {
  const vpcById = firstBy(vpcs, (v) => v.id);
  return ofType(run, awsTypes.vpcAttachment).map((r) => {
    const vpcId = str(r.inputs.vpcId) ?? "";
    const vpc = vpcById.get(vpcId);
    if (!vpc) notes.push(`VPC attachment ${r.name}: unknown VPC ${vpcId}`);
    return {
      id: r.id,
      name: r.name,
      kind: "vpc",
      vpcId,
      subnetIds: Array.isArray(r.inputs.subnetIds)
        ? (r.inputs.subnetIds as unknown[]).filter((s): s is string => typeof s === "string")
        : [],
      applianceMode: r.inputs.applianceModeSupport === "enable",
      advertises: vpc ? [vpc.cidr] : [],
    };
  });
}

function vpnAttachments(run: CapturedRun, settings: NetworkSettings, customerGateways: CustomerGateway[]): Attachment[] {
  const onPremPrefixes = [
    ...settings.onPrem.zones.filter((z) => settings.onPrem.advertisedZones.includes(z.name)).flatMap((z) => z.cidrs),
    ...(settings.onPrem.advertisesDefaultRoute ? ["0.0.0.0/0"] : []),
  ];
  const cgwById = firstBy(customerGateways, (c) => c.id);
  const out: Attachment[] = [];
  for (const r of ofType(run, awsTypes.vpn)) {
    const id = str(r.outputs.transitGatewayAttachmentId);
    if (!id) continue; // a VPN on a virtual private gateway is not part of the hub
    const cgwId = str(r.inputs.customerGatewayId) ?? "";
    const bandwidth = r.inputs.tunnelBandwidth === "large" ? "large" : "standard";
    const bgp = r.inputs.staticRoutesOnly !== true;
    out.push({
      id,
      name: r.name,
      kind: "vpn",
      subnetIds: [],
      applianceMode: false,
      vpn: {
        id: r.id,
        name: r.name,
        customerGatewayId: cgwId,
        customerGatewayName: cgwById.get(cgwId)?.name ?? cgwId,
        bgp,
        bandwidth,
        tunnelGbps: tunnelGbps[bandwidth],
      },
      advertises: bgp ? onPremPrefixes : [],
    });
  }
  return out;
}

/** Sets each attachment's associated TGW route table (AWS allows one per attachment). */
export function readAssociations(run: CapturedRun, attachmentOf: AttachmentFinder, notes: string[]): void {
  for (const a of ofType(run, awsTypes.tgwAssociation)) {
    const att = attachmentOf(a.inputs.transitGatewayAttachmentId);
    const table = str(a.inputs.transitGatewayRouteTableId);
    if (!att || !table) {
      notes.push(`association ${a.name}: unknown attachment ${String(a.inputs.transitGatewayAttachmentId)}`);
      continue;
    }
    if (att.associatedTable && att.associatedTable !== table) notes.push(`attachment ${att.name} is associated twice (AWS allows one)`);
    att.associatedTable = table;
  }
}
