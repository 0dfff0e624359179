/**
 * Rules for a spoke that adopts an existing VPC (`spokes[].existing`, docs/adopt.md): ids, names,
 * addresses and zones. What the egress mode keeps or retires is in adoption-egress.ts. Sources:
 * Amazon EC2 User Guide, "Resource IDs" (a prefix, a hyphen and 8 or, since 2018, 17 hexadecimal
 * characters); Amazon VPC User Guide, "Subnet CIDR blocks" (a subnet lies in its VPC's CIDR; the
 * subnets of a VPC do not overlap); Transit Gateway guide, "Transit gateway attachments to a VPC"
 * (one subnet per availability zone; an AZ without one cannot reach the TGW; a small dedicated subnet,
 * a /28, per AZ is the best practice).
 */
import { isIpv4Cidr, overlappingPairs, prefixLength, within } from "../../lib/cidr";
import { attachmentSubnetPrefix, findAttachmentSubnets } from "../adoption";
import type { ParsedExistingVpc, ParsedSpoke } from "../adoption";
import { keyPath, show } from "../errors";
import type { Rule } from "./context";

/** A spoke with an existing VPC, and the key path of its `existing` block. */
export interface AdoptingSpoke {
  spoke: ParsedSpoke;
  existing: ParsedExistingVpc;
  /** `spokes[<name>].existing` followed by `rest` (`.subnets[app-a].cidr`). */
  path(rest?: string): string;
}

export function adoptingSpokes(config: Parameters<Rule>[0]): AdoptingSpoke[] {
  return config.spokes.flatMap((spoke) => {
    const existing = spoke.existing;
    if (!existing) return [];
    const base = keyPath("spokes", spoke.name, "existing");
    return [{ spoke, existing, path: (rest = "") => base + rest }];
  });
}

/** EC2 resource ids: `<prefix>-` then 8 or 17 hexadecimal characters (EC2 User Guide, "Resource IDs"). */
function isResourceId(value: string, prefix: string): boolean {
  return new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(value);
}

/** Every id an adopted VPC names, with its key path and the prefix its kind of resource takes. */
function adoptedIds(a: AdoptingSpoke): { path: string; id: string; prefix: string }[] {
  const e = a.existing;
  return [
    { path: a.path(".vpcId"), id: e.vpcId, prefix: "vpc" },
    ...(e.internetGatewayId !== undefined ? [{ path: a.path(".internetGatewayId"), id: e.internetGatewayId, prefix: "igw" }] : []),
    ...e.subnets.map((s) => ({ path: a.path(`.subnets[${s.name}].id`), id: s.id, prefix: "subnet" })),
    ...e.routeTables.map((t) => ({ path: a.path(`.routeTables[${t.name}].id`), id: t.id, prefix: "rtb" })),
    ...e.natGateways.flatMap((n) => [
      { path: a.path(`.natGateways[${n.name}].id`), id: n.id, prefix: "nat" },
      { path: a.path(`.natGateways[${n.name}].allocationId`), id: n.allocationId, prefix: "eipalloc" },
    ]),
  ];
}

/** Ids have the EC2 format of their kind: an id of another kind, or a typo, would fail the import at deploy time. */
export const adoptedIdFormat: Rule = (config, _ctx, out) => {
  for (const a of adoptingSpokes(config)) {
    for (const { path, id, prefix } of adoptedIds(a)) {
      if (!isResourceId(id, prefix)) {
        out.report(path, "adopt-id-format", `${show(id)} is not a ${prefix} id: "${prefix}-" and 8 or 17 hexadecimal characters`);
      }
    }
  }
};

/** Nothing is adopted twice: two resources importing one id would both manage it (and both delete it). */
export const adoptedOnce: Rule = (config, _ctx, out) => {
  const first = new Map<string, string>();
  for (const a of adoptingSpokes(config)) {
    for (const { path, id } of adoptedIds(a)) {
      const earlier = first.get(id);
      if (earlier !== undefined) out.report(path, "adopt-duplicate-id", `${show(id)} is already adopted at ${earlier}`);
      else first.set(id, path);
    }
  }
};

/**
 * Names are unique per list (resources are named from them), and a subnet may not take the name of
 * an attachment subnet the program creates (`tgw-<zone>`).
 */
export const adoptedNames: Rule = (config, _ctx, out) => {
  for (const a of adoptingSpokes(config)) {
    const lists: [string, { name: string }[]][] = [
      ["subnets", a.existing.subnets],
      ["routeTables", a.existing.routeTables],
      ["natGateways", a.existing.natGateways],
    ];
    for (const [list, items] of lists) {
      const seen = new Set<string>();
      for (const item of items) {
        if (seen.has(item.name))
          out.report(a.path(`.${list}[${item.name}]`), "duplicate-name", `${show(item.name)} is defined more than once`);
        seen.add(item.name);
      }
    }
    const reserved = new Set(a.spoke.availabilityZones.map((az) => `tgw-${az}`));
    for (const s of a.existing.subnets.filter((s) => reserved.has(s.name))) {
      out.report(
        a.path(`.subnets[${s.name}].name`),
        "adopt-name-reserved",
        `${show(s.name)} names the attachment subnet the program creates in ${s.name.slice(4)}; choose another name`,
      );
    }
  }
};

/** Subnets: IPv4 CIDRs inside the VPC's CIDR (the spoke's `cidr`), not overlapping each other. */
export const adoptedSubnetCidrs: Rule = (config, _ctx, out) => {
  for (const a of adoptingSpokes(config)) {
    const vpcCidr = isIpv4Cidr(a.spoke.cidr) ? a.spoke.cidr : undefined;
    const valid: { path: string; cidr: string }[] = [];
    for (const s of a.existing.subnets) {
      const path = a.path(`.subnets[${s.name}].cidr`);
      if (!isIpv4Cidr(s.cidr)) out.report(path, "cidr-format", `${show(s.cidr)} is not an IPv4 CIDR with its network address`);
      else if (vpcCidr !== undefined && !within(s.cidr, vpcCidr)) {
        out.report(
          path,
          "adopt-subnet-outside-vpc",
          `${show(s.cidr)} is not inside the VPC's CIDR ${show(vpcCidr)} (spokes[${a.spoke.name}].cidr)`,
        );
      } else valid.push({ path, cidr: s.cidr });
    }
    for (const [x, y] of overlappingPairs(valid)) {
      out.report(y.path, "adopt-subnet-overlap", `${show(y.cidr)} overlaps ${x.path} ${show(x.cidr)}; the subnets of a VPC never overlap`);
    }
  }
};

/**
 * Zones: every subnet is in the stack's region, and every workload subnet in one of the spoke's
 * `availabilityZones`, which get the attachment subnets: an AZ without one cannot reach the TGW.
 */
export const adoptedSubnetZones: Rule = (config, ctx, out) => {
  for (const a of adoptingSpokes(config)) {
    for (const s of a.existing.subnets) {
      const path = a.path(`.subnets[${s.name}].availabilityZone`);
      const az = s.availabilityZone;
      if (!(az.startsWith(ctx.region) && /^[a-z]$/.test(az.slice(ctx.region.length)))) {
        out.report(path, "az-region", `${show(az)} is not a zone of region ${ctx.region} (expected ${ctx.region}a, ${ctx.region}b, ...)`);
      } else if (!s.public && !a.spoke.availabilityZones.includes(az)) {
        out.report(
          path,
          "adopt-subnet-az-not-attached",
          `${show(az)} is not in spokes[${a.spoke.name}].availabilityZones ${show(a.spoke.availabilityZones)}: without an attachment subnet there, this workload subnet cannot reach the TGW`,
        );
      }
    }
  }
};

/**
 * Attachment subnets: configured, each a /28 inside the VPC, clear of the adopted subnets and of each
 * other, exactly one per zone of `availabilityZones`; or found, which needs a free /28 per zone.
 */
export const adoptedAttachmentSubnets: Rule = (config, _ctx, out) => {
  for (const a of adoptingSpokes(config)) {
    const vpcCidr = isIpv4Cidr(a.spoke.cidr) ? a.spoke.cidr : undefined;
    const subnets = a.existing.subnets.filter((s) => isIpv4Cidr(s.cidr));
    const configured = a.existing.attachmentSubnets;
    if (configured === undefined) {
      if (
        vpcCidr !== undefined &&
        !findAttachmentSubnets(
          vpcCidr,
          subnets.map((s) => s.cidr),
          a.spoke.availabilityZones,
        )
      ) {
        out.report(
          a.path(".attachmentSubnets"),
          "adopt-attachment-subnet-none-free",
          `${show(vpcCidr)} has no free /${attachmentSubnetPrefix} for each of ${show(a.spoke.availabilityZones)} beside the listed subnets`,
        );
      }
      continue;
    }
    const placed: { path: string; cidr: string }[] = [];
    configured.forEach((att, i) => {
      const path = a.path(`.attachmentSubnets[${i}]`);
      if (!isIpv4Cidr(att.cidr)) {
        out.report(`${path}.cidr`, "cidr-format", `${show(att.cidr)} is not an IPv4 CIDR with its network address`);
        return;
      }
      if (prefixLength(att.cidr) !== attachmentSubnetPrefix) {
        out.report(`${path}.cidr`, "adopt-attachment-subnet-size", `${show(att.cidr)} is not a /${attachmentSubnetPrefix}`);
      }
      if (vpcCidr !== undefined && !within(att.cidr, vpcCidr)) {
        out.report(`${path}.cidr`, "adopt-subnet-outside-vpc", `${show(att.cidr)} is not inside the VPC's CIDR ${show(vpcCidr)}`);
      }
      const taken = subnets.find((s) => within(att.cidr, s.cidr) || within(s.cidr, att.cidr));
      if (taken) {
        out.report(
          `${path}.cidr`,
          "adopt-attachment-subnet-overlap",
          `${show(att.cidr)} overlaps ${a.path(`.subnets[${taken.name}]`)} ${show(taken.cidr)}`,
        );
      } else placed.push({ path: `${path}.cidr`, cidr: att.cidr });
      if (!a.spoke.availabilityZones.includes(att.availabilityZone)) {
        out.report(
          `${path}.availabilityZone`,
          "adopt-attachment-subnet-az",
          `${show(att.availabilityZone)} is not in spokes[${a.spoke.name}].availabilityZones ${show(a.spoke.availabilityZones)}`,
        );
      }
    });
    for (const [x, y] of overlappingPairs(placed)) {
      out.report(y.path, "adopt-attachment-subnet-overlap", `${show(y.cidr)} overlaps ${x.path} ${show(x.cidr)}`);
    }
    for (const az of a.spoke.availabilityZones) {
      const count = configured.filter((att) => att.availabilityZone === az).length;
      if (count !== 1) {
        out.report(
          a.path(".attachmentSubnets"),
          "adopt-attachment-subnet-az",
          `${count} subnets in ${az}; the attachment takes exactly one per availability zone of the spoke`,
        );
      }
    }
  }
};

export const adoptionRules: Rule[] = [
  adoptedIdFormat,
  adoptedOnce,
  adoptedNames,
  adoptedSubnetCidrs,
  adoptedSubnetZones,
  adoptedAttachmentSubnets,
];
