/**
 * How the hub's RAM share reaches the spoke accounts. Sources: AWS RAM User Guide, "Sharing your AWS
 * resources" and "Accepting and rejecting invitations"; RAM API reference, CreateResourceShare
 * (allowExternalPrincipals); the provider's PrincipalAssociation and ResourceShareAccepter notes:
 * with RAM sharing with AWS Organizations enabled, account, organization and OU principals within
 * the organization get the share without an invitation; an account outside the organization, or any
 * account when that sharing is not enabled, receives an invitation to accept.
 */
import { ShareScope } from "../../vocabulary/hub";
import { show } from "../errors";
import type { Rule } from "./context";

/** A RAM principal that is one account (12 digits), as opposed to an organization or OU ARN. */
export function isAccountPrincipal(principal: string): boolean {
  return /^\d{12}$/.test(principal);
}

/**
 * Invitations go to principals RAM treats as outside the organization, which a share accepts only
 * with allowExternalPrincipals (CreateResourceShare: false lets the share reach the organization's
 * principals only). UNVERIFIED: whether RAM would accept an in-organization account without
 * Organizations sharing on a share that refuses external principals; requiring the flag makes the
 * invitation path work in both cases, and the principals stay the ones listed.
 */
export const invitationsNeedExternalPrincipals: Rule = (config, _ctx, out) => {
  const hub = config.hub;
  if (hub.shareScope === ShareScope.Invitations && !hub.allowExternalPrincipals) {
    out.report(
      "hub.allowExternalPrincipals",
      "ram-invitations-need-external-principals",
      `false with hub.shareScope ${show(hub.shareScope)}: an account that receives an invitation is an external principal to the share`,
    );
  }
};

/** `invitations` sends invitations to the account principals only: without one it would have no effect, which is a mistake. */
export const invitationsNeedAccountPrincipal: Rule = (config, _ctx, out) => {
  const hub = config.hub;
  if (hub.shareScope === ShareScope.Invitations && !hub.sharePrincipals.some(isAccountPrincipal)) {
    out.report(
      "hub.shareScope",
      "ram-invitations-without-account-principal",
      `${show(hub.shareScope)}, but hub.sharePrincipals lists no account id (${show(hub.sharePrincipals)}): no account would receive an invitation`,
    );
  }
};

export const sharingRules: Rule[] = [invitationsNeedExternalPrincipals, invitationsNeedAccountPrincipal];
