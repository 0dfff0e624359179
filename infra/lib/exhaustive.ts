/**
 * The default branch of a `switch` over a closed set of choices: its parameter is `never`, so the
 * compiler names the switch when a choice is added and not handled there. It throws when a value
 * outside the set arrives at run time (from untyped data), instead of taking some other branch.
 */
export function unhandled(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
