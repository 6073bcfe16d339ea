// Request validation with TypeBox's compiler instead of fastify's default Ajv. Ajv's options apply to
// every part of a request alike, and the string coercion that query strings and path parameters
// need would also turn a JSON body's {"tx": 1234} into the base64 text "1234". Here only query,
// params and headers are converted from strings; a body must already have the right JSON types.
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

/** Schema violations reported per request at most: enough to fix it, bounded for hostile input. */
const ERRORS_MAX = 8;

type Validation = { value: unknown } | { error: FastifySchemaValidationError[] };

const issue = (instancePath: string, message: string): FastifySchemaValidationError =>
  ({ keyword: 'typebox', instancePath, schemaPath: '', params: {}, message });

function isBinarySchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { contentEncoding?: unknown }).contentEncoding === 'binary';
}

export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  // Raw byte bodies (contentEncoding "binary") come from a buffer parser: bytes are the only shape.
  if (isBinarySchema(schema)) {
    return (value: unknown): Validation => (value instanceof Uint8Array ? { value } : { error: [issue('', 'Expected raw bytes')] });
  }
  const check = TypeCompiler.Compile(schema);
  const convert = httpPart !== 'body';
  return (value: unknown): Validation => {
    const candidate = convert ? Value.Convert(schema, value) : value;
    if (check.Check(candidate)) return { value: candidate };
    const issues: FastifySchemaValidationError[] = [];
    for (const error of check.Errors(candidate)) {
      issues.push(issue(error.path, error.message));
      if (issues.length === ERRORS_MAX) break;
    }
    return { error: issues };
  };
};
