// The hub's names that the stack config and the components share.

/**
 * Key of the hub's route table that VPN attachments associate with (what on-prem learns), beside
 * one table per segment: so no segment may take this name (settings/rules/references.ts).
 */
export const onPremTableKey = "onprem";
