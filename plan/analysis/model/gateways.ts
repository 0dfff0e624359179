/** Gateways: NAT gateways (placed by their subnet), internet gateways (by `vpcId` or an attachment) and customer gateways. */
import type { CapturedRun } from "../../runtime/captured-run";
import { ofType } from "../../runtime/run-index";
import { awsTypes } from "../../runtime/types";
import { firstBy, str } from "./read";
import type { CustomerGateway, InternetGateway, NatGateway, Subnet } from "./types";

/** NAT gateways; a NAT's VPC is its subnet's (else its own `vpcId` input). A private NAT translates without internet access. */
export function buildNats(run: CapturedRun, subnets: Subnet[]): NatGateway[] {
  const subnetById = firstBy(subnets, (s) => s.id);
  const subnetVpc = (id: string | undefined) => (id === undefined ? undefined : subnetById.get(id)?.vpcId);
  return ofType(run, awsTypes.nat).map((r) => {
    const subnetId = str(r.inputs.subnetId);
    return {
      id: r.id,
      name: r.name,
      ...(subnetId ? { subnetId } : {}),
      vpcId: subnetVpc(subnetId) ?? str(r.inputs.vpcId) ?? "",
      public: r.inputs.connectivityType !== "private",
    };
  });
}

/** Internet gateways, attached by their `vpcId` input or an `InternetGatewayAttachment`. */
export function buildInternetGateways(run: CapturedRun): InternetGateway[] {
  const igwAttach = new Map(ofType(run, awsTypes.igwAttachment).map((a) => [str(a.inputs.internetGatewayId) ?? "", str(a.inputs.vpcId)]));
  return ofType(run, awsTypes.igw).map((r) => {
    const vpcId = str(r.inputs.vpcId) ?? igwAttach.get(r.id);
    return { id: r.id, name: r.name, ...(vpcId ? { vpcId } : {}) };
  });
}

export function buildCustomerGateways(run: CapturedRun): CustomerGateway[] {
  return ofType(run, awsTypes.cgw).map((r) => ({ id: r.id, name: r.name }));
}
