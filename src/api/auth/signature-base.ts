// The RFC 9421 signature base of a received request (§2.5): one line per covered component, in
// the order the signer listed them, then the "@signature-params" line. Nothing is normalized
// beyond what the RFC prescribes, so the verifier signs off on exactly the bytes the client built.
import {
  StructuredFieldError, serializeBareItem, serializeInnerList, serializeParameters, type InnerList, type Item,
} from './structured-fields.js';

/** What the base needs of a request, read from the wire as received. */
export interface RequestView {
  readonly method: string;
  /** The request target as received: "/v1/blocks/1?x=y" (origin form) or an absolute URI. */
  readonly target: string;
  /** Every line of a header field, in the order received; undefined when the field is absent. */
  fieldLines(name: string): readonly string[] | undefined;
}

export class SignatureBaseError extends Error {
  override name = 'SignatureBaseError';
}

/** Derived components this node can rebuild from a request (RFC 9421 §2.2). */
export const DERIVED_COMPONENTS = ['@method', '@authority', '@path', '@query', '@request-target'] as const;

// A field name as RFC 9421 §2.1 writes it: the lowercase token.
const FIELD_NAME_RE = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
// An absolute-form target (proxies): scheme "://" authority, followed by the path.
const ABSOLUTE_FORM_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;
// Component values are ASCII: VCHAR, SP and, inside field values, HTAB (no obs-text, no CR or LF).
const VALUE_RE = /^[\x20-\x7e\t]*$/;

/** The path and query of the target, split at the first "?"; query is undefined without one. */
export function splitTarget(target: string): { path: string; query: string | undefined } {
  const originForm = ABSOLUTE_FORM_RE.test(target) ? target.replace(ABSOLUTE_FORM_RE, '') : target;
  const mark = originForm.indexOf('?');
  const path = mark === -1 ? originForm : originForm.slice(0, mark);
  const query = mark === -1 ? undefined : originForm.slice(mark + 1);
  // §2.2.6: an empty path is "/".
  return { path: path === '' ? '/' : path, query };
}

/** The component name of a covered item, which must be a string (§2.1). */
export function componentName(item: Item): string {
  if (item.value.type !== 'string') throw new SignatureBaseError('a covered component must be a quoted string');
  return item.value.value;
}

function fieldValue(request: RequestView, name: string): string {
  const lines = request.fieldLines(name);
  if (lines === undefined) throw new SignatureBaseError(`the covered field "${name}" is absent from the request`);
  // §2.1: each line stripped of leading and trailing whitespace, the lines joined by ", ".
  return lines.map((line) => line.replace(/^[ \t]+|[ \t]+$/g, '')).join(', ');
}

/** The value of one covered component (§2.1, §2.2). Component parameters (;sf, ;key, ;bs, ;req) are refused. */
export function componentValue(item: Item, request: RequestView): string {
  const name = componentName(item);
  if (item.params.size > 0) {
    throw new SignatureBaseError(`component parameters are not supported ("${name}"${serializeParameters(item.params)})`);
  }
  let value: string;
  switch (name) {
    case '@method':
      // §2.2.1: as received, case included.
      value = request.method;
      break;
    case '@authority': {
      const host = request.fieldLines('host');
      if (host?.length !== 1) throw new SignatureBaseError('"@authority" is covered but the request has no single Host');
      value = host[0]!.trim().toLowerCase();
      break;
    }
    case '@path':
      value = splitTarget(request.target).path;
      break;
    case '@query':
      // §2.2.7: with its leading "?"; a request without a query has the value "?".
      value = `?${splitTarget(request.target).query ?? ''}`;
      break;
    case '@request-target':
      value = request.target;
      break;
    case '@signature-params':
      throw new SignatureBaseError('"@signature-params" may not be a covered component');
    default:
      if (name.startsWith('@')) throw new SignatureBaseError(`the derived component "${name}" is not supported`);
      if (!FIELD_NAME_RE.test(name)) throw new SignatureBaseError(`"${name}" is not a lowercase field name`);
      value = fieldValue(request, name);
  }
  if (!VALUE_RE.test(value)) throw new SignatureBaseError(`the value of "${name}" holds characters a signature base cannot`);
  return value;
}

/**
 * Builds the signature base of a request for the given signature parameters (the Signature-Input
 * member: the covered components with the created, keyid, alg... parameters).
 */
export function signatureBase(signatureParams: InnerList, request: RequestView): string {
  const seen = new Set<string>();
  let base = '';
  try {
    for (const item of signatureParams.items) {
      const value = componentValue(item, request);
      // §2.5: the identifier in its canonical form, and each identifier at most once.
      const identifier = serializeBareItem(item.value) + serializeParameters(item.params);
      if (seen.has(identifier)) throw new SignatureBaseError(`the component ${identifier} is covered twice`);
      seen.add(identifier);
      base += `${identifier}: ${value}\n`;
    }
    return `${base}"@signature-params": ${serializeInnerList(signatureParams)}`;
  } catch (error) {
    if (error instanceof StructuredFieldError) throw new SignatureBaseError(error.message);
    throw error;
  }
}
