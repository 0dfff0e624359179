// The hub's names and choices that the stack config and the components share.

/**
 * Key of the hub's route table that VPN attachments associate with (what on-prem learns), beside
 * one table per segment: so no segment may take this name (settings/rules/references.ts).
 */
export const onPremTableKey = "onprem";

/**
 * How the RAM share of the Transit Gateway reaches the spoke accounts (AWS RAM User Guide, "Sharing
 * your AWS resources"; the provider's PrincipalAssociation notes):
 *  - organization: the accounts are in the network account's AWS Organization and RAM sharing with
 *    Organizations is enabled, so no invitation is sent: the TGW is visible once the principal is
 *    associated;
 *  - invitations: each account listed by id in the share receives an invitation it must accept
 *    (accounts outside the organization, or RAM sharing with Organizations not enabled). The
 *    program accepts it in every spoke account it deploys into; an account reached through an
 *    organization or OU principal needs no invitation.
 * Which accounts are members of the organization is not in the stack config and cannot be read
 * offline, so the config says it.
 */
export const ShareScope = { Organization: "organization", Invitations: "invitations" } as const;
export type ShareScope = (typeof ShareScope)[keyof typeof ShareScope];
