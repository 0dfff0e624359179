/**
 * Pre-shared keys generated under AWS's rules (S2S VPN User Guide, "Tunnel options"): 8 to 64
 * characters of letters, digits, '.' and '_', never starting with '0'.
 *
 * One random string cannot promise its first character, so a key is two: a single letter, then a
 * body of letters, digits, '.' and '_'. Both are RandomPassword resources, whose `result` is a
 * secret output; the joined key is wrapped as a secret again so it stays secret in state and in
 * every output built from it.
 */
import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random";

/** Total key length: well inside AWS's 8-64, long enough for a brute-force-proof IKE PSK. */
export const generatedKeyLength = 32;

/** Characters AWS accepts besides letters and digits. */
export const keySpecialCharacters = "._";

/**
 * The name of a tunnel's generated key (`<connection>-tunnel<n>-psk`); its two RandomPassword parts
 * are named `<name>-first` and `<name>`. The plan report reads it to tell per tunnel whether the
 * key was generated.
 */
export function generatedKeyName(connection: string, tunnel: 1 | 2): string {
  return `${connection}-tunnel${tunnel}-psk`;
}

/**
 * Creates the two random parts of one tunnel's key as children of `parent`, named
 * `<name>-first` and `<name>`, and returns the joined key as a secret.
 */
export function generatePresharedKey(name: string, parent: pulumi.Resource): pulumi.Output<string> {
  const first = new RandomPassword(
    `${name}-first`,
    { length: 1, lower: true, upper: true, numeric: false, special: false },
    { parent, additionalSecretOutputs: ["result"] },
  );
  const body = new RandomPassword(
    name,
    {
      length: generatedKeyLength - 1,
      lower: true,
      upper: true,
      numeric: true,
      special: true,
      overrideSpecial: keySpecialCharacters,
    },
    { parent, additionalSecretOutputs: ["result"] },
  );
  return pulumi.secret(pulumi.interpolate`${first.result}${body.result}`);
}
