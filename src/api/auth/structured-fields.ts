// Structured Field Values for HTTP (RFC 8941): the parts that Signature-Input, Signature and
// Content-Digest are made of. Parsing is strict, as the RFC asks: any deviation fails the whole
// field, never half of it. Serialization is the RFC's canonical form, which RFC 9421 uses to
// write component identifiers and the "@signature-params" line into the signature base.
import { fromBase64, toBase64 } from '../../types/index.js';

export type BareItem =
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'decimal'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'token'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'boolean'; readonly value: boolean };

/** Parameters keep their order: it is part of what a signature covers. */
export type Parameters = ReadonlyMap<string, BareItem>;

export interface Item {
  readonly kind: 'item';
  readonly value: BareItem;
  readonly params: Parameters;
}

export interface InnerList {
  readonly kind: 'inner-list';
  readonly items: readonly Item[];
  readonly params: Parameters;
}

export type Member = Item | InnerList;
export type Dictionary = ReadonlyMap<string, Member>;

export class StructuredFieldError extends Error {
  override name = 'StructuredFieldError';
}

const KEY_START = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const TOKEN_START = /[A-Za-z*]/;
// tchar (RFC 9110) plus ":" and "/".
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;
const DIGIT = /[0-9]/;

/** A cursor over one field value; every parse function consumes from it or throws. */
class Input {
  position = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.position >= this.text.length;
  }

  peek(): string {
    return this.text[this.position] ?? '';
  }

  next(): string {
    const char = this.peek();
    this.position++;
    return char;
  }

  skipSpaces(): void {
    while (this.peek() === ' ') this.position++;
  }

  skipOws(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.position++;
  }

  fail(what: string): never {
    throw new StructuredFieldError(`${what} at character ${this.position + 1}`);
  }
}

/** Parses a Dictionary field value (RFC 8941 §4.2.2). An empty value is an empty dictionary. */
export function parseDictionary(text: string): Dictionary {
  const input = new Input(text);
  input.skipSpaces();
  const out = new Map<string, Member>();
  while (!input.done) {
    const key = parseKey(input);
    let member: Member;
    if (input.peek() === '=') {
      input.next();
      member = parseItemOrInnerList(input);
    } else {
      member = { kind: 'item', value: { type: 'boolean', value: true }, params: parseParameters(input) };
    }
    // The RFC keeps the last value of a repeated key; deleting first also moves it to the end.
    out.delete(key);
    out.set(key, member);
    input.skipOws();
    if (input.done) break;
    if (input.next() !== ',') input.fail('expected "," between dictionary members');
    input.skipOws();
    if (input.done) input.fail('trailing "," in dictionary');
  }
  return out;
}

function parseItemOrInnerList(input: Input): Member {
  if (input.peek() === '(') return parseInnerList(input);
  return { kind: 'item', value: parseBareItem(input), params: parseParameters(input) };
}

function parseInnerList(input: Input): InnerList {
  input.next();
  const items: Item[] = [];
  for (;;) {
    input.skipSpaces();
    if (input.peek() === ')') {
      input.next();
      return { kind: 'inner-list', items, params: parseParameters(input) };
    }
    if (input.done) input.fail('unterminated inner list');
    items.push({ kind: 'item', value: parseBareItem(input), params: parseParameters(input) });
    const after = input.peek();
    if (after !== ' ' && after !== ')') input.fail('expected " " or ")" in inner list');
  }
}

function parseParameters(input: Input): Parameters {
  const params = new Map<string, BareItem>();
  while (input.peek() === ';') {
    input.next();
    input.skipSpaces();
    const key = parseKey(input);
    let value: BareItem = { type: 'boolean', value: true };
    if (input.peek() === '=') {
      input.next();
      value = parseBareItem(input);
    }
    params.delete(key);
    params.set(key, value);
  }
  return params;
}

function parseKey(input: Input): string {
  if (!KEY_START.test(input.peek())) input.fail('expected a key (a-z or *)');
  let key = '';
  while (!input.done && KEY_CHAR.test(input.peek())) key += input.next();
  return key;
}

function parseBareItem(input: Input): BareItem {
  const char = input.peek();
  if (char === '-' || DIGIT.test(char)) return parseNumber(input);
  if (char === '"') return parseString(input);
  if (char === ':') return parseByteSequence(input);
  if (char === '?') return parseBoolean(input);
  if (TOKEN_START.test(char)) return parseToken(input);
  return input.fail('expected an item');
}

function parseNumber(input: Input): BareItem {
  let sign = 1;
  if (input.peek() === '-') {
    input.next();
    sign = -1;
  }
  if (!DIGIT.test(input.peek())) input.fail('expected a digit');
  let digits = '';
  let decimal = false;
  while (!input.done) {
    const char = input.peek();
    if (DIGIT.test(char)) {
      digits += input.next();
    } else if (char === '.' && !decimal) {
      if (digits.length > 12) input.fail('decimal has more than 12 integer digits');
      decimal = true;
      digits += input.next();
    } else {
      break;
    }
    if (!decimal && digits.length > 15) input.fail('integer has more than 15 digits');
    if (decimal && digits.length > 16) input.fail('decimal is too long');
  }
  if (!decimal) return { type: 'integer', value: sign * Number(digits) };
  if (digits.endsWith('.')) input.fail('decimal ends in "."');
  if (digits.length - digits.indexOf('.') - 1 > 3) input.fail('decimal has more than 3 fraction digits');
  return { type: 'decimal', value: sign * Number(digits) };
}

function parseString(input: Input): BareItem {
  input.next();
  let out = '';
  for (;;) {
    if (input.done) input.fail('unterminated string');
    const char = input.next();
    if (char === '\\') {
      const escaped = input.next();
      if (escaped !== '"' && escaped !== '\\') input.fail('a string escapes only " and \\');
      out += escaped;
    } else if (char === '"') {
      return { type: 'string', value: out };
    } else {
      const code = char.charCodeAt(0);
      if (code < 0x20 || code > 0x7e) input.fail('a string holds printable ASCII only');
      out += char;
    }
  }
}

function parseToken(input: Input): BareItem {
  let out = input.next();
  while (!input.done && TOKEN_CHAR.test(input.peek())) out += input.next();
  return { type: 'token', value: out };
}

function parseByteSequence(input: Input): BareItem {
  input.next();
  let text = '';
  for (;;) {
    if (input.done) input.fail('unterminated byte sequence');
    const char = input.next();
    if (char === ':') break;
    if (!BASE64_CHAR.test(char)) input.fail('a byte sequence holds base64 only');
    text += char;
  }
  // RFC 8941 asks parsers to tolerate missing "=" padding; anything else must be canonical.
  const padded = text.includes('=') ? text : text + '='.repeat((4 - (text.length % 4)) % 4);
  const bytes = fromBase64(padded);
  if (bytes === undefined) input.fail('byte sequence is not base64');
  return { type: 'bytes', value: bytes };
}

function parseBoolean(input: Input): BareItem {
  input.next();
  const char = input.next();
  if (char === '1') return { type: 'boolean', value: true };
  if (char === '0') return { type: 'boolean', value: false };
  return input.fail('a boolean is ?1 or ?0');
}

// ---- serialization (RFC 8941 §4.1) ----

export function serializeBareItem(item: BareItem): string {
  switch (item.type) {
    case 'integer':
      if (!Number.isInteger(item.value) || Math.abs(item.value) > 999_999_999_999_999) {
        throw new StructuredFieldError(`integer ${item.value} is out of range`);
      }
      return String(item.value);
    case 'decimal': {
      const rounded = Math.round(item.value * 1000) / 1000;
      const text = String(rounded);
      return text.includes('.') ? text : `${text}.0`;
    }
    case 'string':
      if (!/^[\x20-\x7e]*$/.test(item.value)) throw new StructuredFieldError('a string holds printable ASCII only');
      return `"${item.value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    case 'token':
      return item.value;
    case 'bytes':
      return `:${toBase64(item.value)}:`;
    case 'boolean':
      return item.value ? '?1' : '?0';
  }
}

export function serializeParameters(params: Parameters): string {
  let out = '';
  for (const [key, value] of params) {
    out += `;${key}`;
    if (!(value.type === 'boolean' && value.value)) out += `=${serializeBareItem(value)}`;
  }
  return out;
}

export function serializeItem(item: Item): string {
  return serializeBareItem(item.value) + serializeParameters(item.params);
}

export function serializeInnerList(list: InnerList): string {
  return `(${list.items.map(serializeItem).join(' ')})${serializeParameters(list.params)}`;
}
