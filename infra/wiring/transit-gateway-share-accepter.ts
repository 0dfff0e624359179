/**
 * Settings -> TransitGatewayShareAccepter: which spoke accounts accept the RAM invitation to the
 * hub's TGW share. With `hub.shareScope: invitations`, every account listed by id in
 * `hub.sharePrincipals` receives an invitation; the program accepts it in each such account it
 * deploys a spoke into (through that account's provider), once per account. An account reached
 * through an organization or OU principal receives none (within the organization, RAM sharing with
 * Organizations on), nor does the network account (it owns the share).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TransitGatewayShareAccepterArgs } from "../components/transit-gateway-share-accepter";
import { isAccountPrincipal } from "../settings/rules/sharing";
import type { NetworkSettings } from "../settings/types";
import { ShareScope } from "../vocabulary/hub";

/** The accounts (by config name, in `accounts` order) whose spokes wait for an accepted invitation. */
export function shareAcceptingAccounts(settings: NetworkSettings): string[] {
  if (settings.hub.shareScope !== ShareScope.Invitations) return [];
  const invited = new Set(settings.hub.sharePrincipals.filter(isAccountPrincipal));
  const spokeAccounts = new Set(settings.spokes.flatMap((s) => (s.account !== undefined ? [s.account] : [])));
  return settings.accounts
    .filter((a) => spokeAccounts.has(a.name) && a.name !== settings.networkAccount && invited.has(a.accountId))
    .map((a) => a.name);
}

/** The accepter's name: `<hub>-share-accept-<account>`. */
export function shareAccepterName(settings: NetworkSettings, account: string): string {
  return `${settings.hub.name}-share-accept-${account}`;
}

export function shareAccepterArgs(inputs: { resourceShareArn: pulumi.Input<string> }): TransitGatewayShareAccepterArgs {
  return { resourceShareArn: inputs.resourceShareArn };
}
