/**
 * Deterministic subnet layout of a VPC, room reserved for four availability zones so adding a zone
 * or switching egress never moves an existing subnet:
 *   first half     private (workload) subnets, prefix + 3 each, one per AZ
 *   third quarter  public subnets (NAT egress only), prefix + 4 each
 *   last quarter   /28 subnets dedicated to the TGW attachment (AWS best practice)
 */
import { nthBlock, prefixLength } from "../lib/cidr";
import type { SubnetPlan } from "../vocabulary/vpc";

export const minVpcPrefix = 16;
export const maxVpcPrefix = 24;

export function layoutSubnets(vpcCidr: string, availabilityZones: string[], withPublic: boolean): SubnetPlan[] {
  const n = prefixLength(vpcCidr);
  const thirdQuarter = nthBlock(vpcCidr, n + 2, 2);
  const lastQuarter = nthBlock(vpcCidr, n + 2, 3);
  return availabilityZones.map((az, i) => ({
    availabilityZone: az,
    privateCidr: nthBlock(vpcCidr, n + 3, i),
    transitCidr: nthBlock(lastQuarter, 28, i),
    ...(withPublic ? { publicCidr: nthBlock(thirdQuarter, n + 4, i) } : {}),
  }));
}
