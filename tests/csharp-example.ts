/**
 * Reads the C# examples of docs/csharp.md against the component package's schema, as the C# SDK
 * Pulumi generates from it names things (Pulumi's .NET code generation, pkg/codegen/dotnet): a
 * component `<C>` is the class `Pulumi.HybridNetwork.<C>` with `<C>Args`; an object type `<T>` used as
 * an input is `Pulumi.HybridNetwork.Inputs.<T>Args`; an enum `<E>` is `Pulumi.HybridNetwork.<E>`
 * with its members' names; properties and outputs are the schema names with a capital first letter.
 *
 * A small reader, not a C# compiler: it tokenises a block (comments and string literals dropped),
 * then walks it, checking every identifier:
 *  - `HybridNetwork.<X>` chains (the `using HybridNetwork = Pulumi.HybridNetwork;` alias) name a
 *    component, its args class, an enum and its member, or an `Inputs.<T>Args` class;
 *  - inside `new <type> { ... }` an `Identifier =` item names a property of that type, and every
 *    required property is set (Pulumi refuses a missing required input when the program runs);
 *  - `<variable>.<Output>` on a variable holding a component names one of its outputs;
 *  - any other identifier is a C# keyword, one of a few names of the .NET and Pulumi libraries, or
 *    declared in the block (`var x =`, a lambda parameter); a type under another `using` alias
 *    (`using Aws = Pulumi.Aws;`) is a library's, not checked.
 */

/** Property name (schema spelling) -> whether it is required. */
export type Properties = Record<string, boolean>;

/** What the schema offers a C# program. */
export interface CsharpSchema {
  /** Component class name -> its inputs and its output names (schema spelling). */
  components: Record<string, { inputs: Properties; outputs: string[] }>;
  /** Object type name -> its properties. */
  objectTypes: Record<string, Properties>;
  /** Enum type name -> its member names. */
  enums: Record<string, string[]>;
}

/** C# keywords and the .NET / Pulumi library names an example may use without declaring them. */
const known = new Set([
  // keywords and contextual keywords the examples use
  ...["using", "return", "await", "var", "new", "string", "object", "double", "bool", "int", "true", "false", "null", "static"],
  // namespaces and library members
  ...["System", "Collections", "Generic", "Pulumi", "Deployment", "RunAsync", "Dictionary", "List", "Output", "Input", "Apply"],
  ...["ComponentResourceOptions", "CustomResourceOptions"],
]);

/** Schema name -> C# property name. */
export const csharpName = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

type Token = { kind: "id" | "punct" | "literal"; text: string; line: number };

/** Identifiers, literals (strings, characters, numbers) and punctuation; comments dropped. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /(\/\/[^\n]*)|(\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*")|('(?:[^'\\\n]|\\.)')|([A-Za-z_][A-Za-z0-9_]*)|(\d[\d_.]*[A-Za-z]*)|(=>|==|!=|<=|>=|&&|\|\||\?\?|[{}()[\];,.=<>?!+\-*/:&|])|(\s+)|(.)/g;
  let line = 1;
  for (const m of source.matchAll(re)) {
    const text = m[0];
    if (m[3] !== undefined || m[4] !== undefined || m[6] !== undefined) tokens.push({ kind: "literal", text, line });
    else if (m[5] !== undefined) tokens.push({ kind: "id", text, line });
    else if (m[7] !== undefined) tokens.push({ kind: "punct", text, line });
    else if (m[9] !== undefined) throw new Error(`line ${line}: unexpected character ${JSON.stringify(text)}`);
    line += text.split("\n").length - 1;
  }
  return tokens;
}

/** What a `new` creates, as far as the checks go. */
type Created = { kind: "component"; name: string } | { kind: "args"; of: string } | { kind: "input"; of: string } | { kind: "other" };

/** Every problem of one C# block: an identifier neither declared nor in the schema, a property or output its type lacks. */
export function checkCsharpBlock(source: string, schema: CsharpSchema): string[] {
  const tokens = tokenize(source);
  const problems: string[] = [];
  const declared = new Set<string>();
  /** `using X = ...;` aliases of other libraries (the package's is `alias`). */
  const libraries = new Set<string>();
  /** Variables holding a component: name -> component. */
  const holds = new Map<string, string>();
  const alias = "HybridNetwork";
  const at = (i: number) => tokens[i];
  const is = (i: number, text: string) => at(i)?.text === text;
  const report = (i: number, message: string) => problems.push(`line ${at(i)?.line ?? "?"}: ${message}`);

  // Declarations first: `var x =`, lambda parameters `x =>` and `(T x) =>`, the namespace alias.
  tokens.forEach((t, i) => {
    if (t.kind !== "id") return;
    if (is(i - 1, "var") && is(i + 1, "=")) declared.add(t.text);
    if (is(i + 1, "=>")) declared.add(t.text);
    if (is(i + 1, ")") && is(i + 2, "=>") && at(i - 1)?.kind === "id" && is(i - 2, "(")) declared.add(t.text);
    if (is(i - 1, "using") && is(i + 1, "=")) {
      declared.add(t.text);
      if (t.text !== alias) libraries.add(t.text);
    }
  });

  /** Reads a dotted chain from `i`; returns its parts and the index after it. */
  const chain = (i: number): { parts: string[]; end: number } => {
    const parts = [at(i)?.text ?? ""];
    let j = i + 1;
    while (is(j, ".") && at(j + 1)?.kind === "id") {
      parts.push(at(j + 1)?.text ?? "");
      j += 2;
    }
    return { parts, end: j };
  };

  /** Checks a `HybridNetwork.` chain; returns what it names when it is a type. */
  const packageChain = (i: number, parts: string[]): Created => {
    const [, first, second, third] = parts;
    if (first === "Inputs") {
      const type = second?.endsWith("Args") ? second.slice(0, -"Args".length) : undefined;
      if (type === undefined || !(type in schema.objectTypes)) {
        report(i, `${parts.join(".")}: no input type ${second ?? ""} in the schema (an object type T is Inputs.TArgs)`);
        return { kind: "other" };
      }
      if (third !== undefined) report(i, `${parts.join(".")}: unexpected member of an input type`);
      return { kind: "input", of: type };
    }
    if (first !== undefined && first in schema.components) return { kind: "component", name: first };
    if (first?.endsWith("Args") && first.slice(0, -4) in schema.components) return { kind: "args", of: first.slice(0, -4) };
    if (first !== undefined && first in schema.enums) {
      if (second === undefined || !(schema.enums[first] ?? []).includes(second))
        report(i, `${parts.join(".")}: ${first} has no member ${second ?? "(none)"} (members: ${(schema.enums[first] ?? []).join(", ")})`);
      return { kind: "other" };
    }
    report(i, `${parts.join(".")}: ${first ?? ""} is neither a component, its args, an enum nor Inputs in the schema`);
    return { kind: "other" };
  };

  /** The properties a created value takes in its initializer (C# names -> required), or undefined when not checked. */
  const propertiesOf = (c: Created): Record<string, boolean> | undefined => {
    const named = (p: Properties | undefined) =>
      p && Object.fromEntries(Object.entries(p).map(([k, required]) => [csharpName(k), required]));
    switch (c.kind) {
      case "args":
        return named(schema.components[c.of]?.inputs);
      case "input":
        return named(schema.objectTypes[c.of]);
      default:
        return undefined;
    }
  };

  /**
   * Walks tokens from `start` to the close `stop` of the current brace/paren/bracket level. With
   * `properties`, the level is the initializer of a schema type: its items' properties are checked;
   * `null`: the initializer of a type not checked (a library type, or one already reported).
   */
  const walk = (start: number, properties: Record<string, boolean> | null | undefined, owner: string, stop: string | undefined): number => {
    const assigned = new Set<string>();
    const close = (i: number) => {
      const missing = Object.entries(properties ?? {})
        .filter(([p, required]) => required && !assigned.has(p))
        .map(([p]) => p);
      if (missing.length > 0) report(start - 1, `${owner} lacks the required ${missing.join(", ")}`);
      return i + 1;
    };
    let i = start;
    let itemStart = true;
    while (i < tokens.length) {
      const t = at(i);
      if (!t) break;
      if (stop !== undefined && t.text === stop) return close(i);
      if (t.text === "{" || t.text === "(" || t.text === "[") {
        const close = t.text === "{" ? "}" : t.text === "(" ? ")" : "]";
        // A collection initializer `Prop = { ... }` or a target-typed `new() { ... }`: items unchecked.
        i = walk(i + 1, undefined, owner, close);
        itemStart = false;
        continue;
      }
      if (t.text === "," || t.text === ";") {
        itemStart = true;
        i++;
        continue;
      }
      // `using X;` and `using Alias = X;`: namespaces, not checked.
      if (t.text === "using") {
        while (i < tokens.length && !is(i, ";")) i++;
        continue;
      }
      if (t.kind !== "id") {
        itemStart = false;
        i++;
        continue;
      }
      // `Name =` at the start of an initializer item: a property of the type being created.
      if (itemStart && properties !== undefined && is(i + 1, "=")) {
        if (properties !== null && !(t.text in properties))
          report(i, `${owner} has no property ${t.text} (has: ${Object.keys(properties).join(", ")})`);
        assigned.add(t.text);
        itemStart = false;
        i += 2;
        continue;
      }
      itemStart = false;
      if (t.text === "new") {
        if (is(i + 1, "(")) {
          i = walk(i + 2, undefined, owner, ")");
          continue;
        }
        const { parts, end } = chain(i + 1);
        let created: Created = { kind: "other" };
        if (parts[0] === alias) created = packageChain(i + 1, parts);
        else if (!parts.every((p) => known.has(p)) && !libraries.has(parts[0] ?? ""))
          report(i + 1, `new ${parts.join(".")}: not a type the example may use`);
        let j = end;
        // Generic arguments (`Dictionary<string, object?>`): library types, not checked.
        if (is(j, "<")) {
          while (j < tokens.length && !is(j, ">")) j++;
          j++;
        }
        if (is(j, "(")) j = walk(j + 1, undefined, owner, ")");
        if (is(j, "{")) j = walk(j + 1, propertiesOf(created) ?? null, parts.slice(1).join("."), "}");
        // `var x = new HybridNetwork.Component(...)`: x holds the component.
        if (created.kind === "component" && is(i - 1, "=") && at(i - 2)?.kind === "id" && is(i - 3, "var"))
          holds.set(at(i - 2)?.text ?? "", created.name);
        i = j;
        continue;
      }
      const { parts, end } = chain(i);
      const [head = "", member] = parts;
      if (head === alias) packageChain(i, parts);
      else if (holds.has(head) && member !== undefined) {
        const component = holds.get(head) ?? "";
        const outputs = (schema.components[component]?.outputs ?? []).map(csharpName);
        if (!outputs.includes(member)) report(i, `${head}.${member}: ${component} has no output ${member} (has: ${outputs.join(", ")})`);
      } else if (!declared.has(head) && !known.has(head))
        report(i, `${head} is used but neither declared in the example nor in the schema`);
      // Members after a variable or a library name (`.Apply`) are the library's.
      i = end;
    }
    return i;
  };
  walk(0, undefined, "", undefined);
  return problems;
}

/** The ```csharp blocks of a markdown text, with the line each starts on. */
export function csharpBlocks(markdown: string): { line: number; source: string }[] {
  const blocks: { line: number; source: string }[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```csharp") continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]?.trim() !== "```") end++;
    blocks.push({ line: start + 1, source: lines.slice(start, end).join("\n") });
    i = end;
  }
  return blocks;
}
