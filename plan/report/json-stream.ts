/**
 * The report's JSON in pieces. A list that may not fit in one string (every flow of a large stack,
 * asked for with `--all-flows`) is a `StreamedList` in the report's value: its items are written one
 * by one, formatted as `JSON.stringify(value, null, 2)` would format them in place, so a consumer
 * sees one JSON document either way.
 */

/** A list written item by item (never held as one string). */
export class StreamedList<T> {
  constructor(readonly items: Iterable<T>) {}
}

const marker = (k: number) => `\u0000streamed-list-${k}\u0000`;

/**
 * `JSON.stringify(value, null, 2)`, in pieces, each StreamedList written item by item. Without
 * `streamed` the value holds no StreamedList and is written in one piece (a replacer would slow
 * down the whole report's serialisation).
 */
export function* jsonPieces(value: unknown, streamed = true): Generator<string> {
  if (!streamed) {
    yield JSON.stringify(value, null, 2);
    return;
  }
  const lists: StreamedList<unknown>[] = [];
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof StreamedList) {
        lists.push(v as StreamedList<unknown>);
        return marker(lists.length - 1);
      }
      return v;
    },
    2,
  );
  let at = 0;
  for (const [k, list] of lists.entries()) {
    const quoted = JSON.stringify(marker(k));
    const found = text.indexOf(quoted, at);
    if (found < 0) throw new Error("streamed list marker not found");
    const lineStart = text.lastIndexOf("\n", found) + 1;
    const indent = /^ */.exec(text.slice(lineStart))?.[0] ?? "";
    yield text.slice(at, found);
    yield* listPieces(list.items, indent);
    at = found + quoted.length;
  }
  yield text.slice(at);
}

function* listPieces(items: Iterable<unknown>, indent: string): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const item of items) {
    const body = (JSON.stringify(item, null, 2) ?? "null").replace(/\n/g, `\n${inner}`);
    yield `${first ? "[\n" : ",\n"}${inner}${body}`;
    first = false;
  }
  yield first ? "[]" : `\n${indent}]`;
}
