// Duplicate keys in a JSON text. JSON.parse keeps the last of two equal keys silently, so
// {"digest": "<forged>", ..., "digest": "<real>"} would read as one receipt here and as another in a
// parser that keeps the first: the receipt readers refuse such a text instead (docs/receipt-format.md
// §3). Keys are compared after unescaping ("a" and "\u0061" are the same key). Browser-safe.

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The first key that occurs twice in one object of `text`, with its JSON path, or undefined.
 * `text` must already be valid JSON (JSON.parse accepted it): then a string followed by ":" is a key.
 */
export function duplicateJsonKey(text: string): string | undefined {
  // One entry per open object or array: the keys seen so far and the path, or null for an array.
  const stack: { keys: Set<string> | null; path: string }[] = [];
  let pendingKey = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const parent = stack[stack.length - 1];
      const path = parent === undefined ? '$' : parent.keys === null ? `${parent.path}[]` : `${parent.path}.${pendingKey}`;
      stack.push({ keys: c === 0x7b ? new Set() : null, path });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x22 /* " */) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      let next = end + 1;
      while (WHITESPACE.has(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) === 0x3a /* : */) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const top = stack[stack.length - 1]!;
        if (top.keys!.has(key)) return `${top.path}.${key}`;
        top.keys!.add(key);
        pendingKey = key;
      }
      i = end;
    }
  }
  return undefined;
}

/** An unpaired UTF-16 surrogate: a JSON escape like "\ud800" that stands for no Unicode character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string read from JSON is Unicode text, i.e. has a UTF-8 form (no unpaired surrogate). */
export function isUnicodeText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}
