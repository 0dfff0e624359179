/**
 * strongSwan's configuration syntax (strongswan.conf(5), used by swanctl.conf too): sections
 * `name { ... }`, settings `key = value`, `#` comments. Enough of it to read the rendered files,
 * change a few settings and write them back; values keep their raw text (quotes included).
 */

export interface Setting {
  kind: "setting";
  key: string;
  /** The value as written, quotes included. */
  raw: string;
}

export interface Section {
  kind: "section";
  name: string;
  entries: (Setting | Section)[];
}

/** Drops a `#` comment that is not inside double quotes. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' && line[i - 1] !== "\\") quoted = !quoted;
    else if (c === "#" && !quoted) return line.slice(0, i);
  }
  return line;
}

export function parseConf(text: string): Section {
  const root: Section = { kind: "section", name: "", entries: [] };
  const stack: Section[] = [root];
  text.split("\n").forEach((rawLine, i) => {
    const line = stripComment(rawLine).trim();
    if (line === "") return;
    const top = stack[stack.length - 1];
    if (!top) throw new Error(`line ${i + 1}: unbalanced braces`);
    const open = /^([A-Za-z0-9_.-]+)\s*\{$/.exec(line);
    if (open?.[1]) {
      const section: Section = { kind: "section", name: open[1], entries: [] };
      top.entries.push(section);
      stack.push(section);
      return;
    }
    if (line === "}") {
      if (stack.length === 1) throw new Error(`line ${i + 1}: '}' without a section`);
      stack.pop();
      return;
    }
    const setting = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!setting?.[1]) throw new Error(`line ${i + 1}: cannot read ${JSON.stringify(line)}`);
    top.entries.push({ kind: "setting", key: setting[1], raw: setting[2] ?? "" });
  });
  if (stack.length !== 1) throw new Error("unclosed section at the end");
  return root;
}

export function serializeConf(section: Section, indent = ""): string {
  const lines: string[] = [];
  for (const e of section.entries) {
    if (e.kind === "setting") lines.push(`${indent}${e.key} = ${e.raw}`);
    else lines.push(`${indent}${e.name} {`, serializeConf(e, `${indent}  `).replace(/\n$/, ""), `${indent}}`);
  }
  return lines.filter((l) => l !== "").join("\n") + "\n";
}

export function sections(section: Section): Section[] {
  return section.entries.filter((e): e is Section => e.kind === "section");
}

export function child(section: Section, name: string): Section | undefined {
  return sections(section).find((s) => s.name === name);
}

export function mustChild(section: Section, name: string): Section {
  const found = child(section, name);
  if (!found) throw new Error(`no section ${name} in ${section.name || "the file"}`);
  return found;
}

/** The value of a setting, quotes removed. */
export function valueOf(section: Section, key: string): string | undefined {
  const s = section.entries.find((e): e is Setting => e.kind === "setting" && e.key === key);
  if (!s) return undefined;
  return /^".*"$/.test(s.raw) ? s.raw.slice(1, -1) : s.raw;
}

export function setValue(section: Section, key: string, raw: string): void {
  const s = section.entries.find((e): e is Setting => e.kind === "setting" && e.key === key);
  if (s) s.raw = raw;
  else section.entries.push({ kind: "setting", key, raw });
}

/** Removes a setting; returns its raw value, if it was there. */
export function removeSetting(section: Section, key: string): string | undefined {
  const i = section.entries.findIndex((e) => e.kind === "setting" && e.key === key);
  if (i < 0) return undefined;
  const [removed] = section.entries.splice(i, 1);
  return removed?.kind === "setting" ? removed.raw : undefined;
}
