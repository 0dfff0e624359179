/**
 * Marked placeholders in the rendered files, for what the kit must not or cannot know: a tunnel's
 * pre-shared key (never written by the kit; fill-keys.sh puts it in on the device) and, before the
 * stack is deployed, AWS's outside address of a tunnel (render again with --outputs).
 */

/** How every key placeholder starts: fill-keys.sh looks for it. */
export const keyPlaceholderPrefix = "<<pre-shared key of ";

/** Placeholder of a tunnel's pre-shared key in swanctl.conf. */
export function keyPlaceholder(connection: string, tunnel: 1 | 2): string {
  return `${keyPlaceholderPrefix}${connection} tunnel ${tunnel}>>`;
}

/** Placeholder of AWS's outside address of a tunnel before deploy. */
export function outsideAddressPlaceholder(connection: string, tunnel: 1 | 2): string {
  return `<<AWS outside IP of ${connection} tunnel ${tunnel}: render again with --outputs after deploy>>`;
}

/** Every placeholder in a text. */
export function placeholdersIn(text: string): string[] {
  return text.match(/<<[A-Za-z][^<>\n]*>>/g) ?? [];
}
