// Fastify's validation of path and query parameters, with the very schemas the OpenAPI document publishes; a
// failure becomes a 400 problem naming each bad parameter and what it allows (Ajv's own wording never reaches a user).
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { badRequest, unknownParameter, type HttpProblem } from '../formats/problem.js';
import type { ProblemErrorType } from '../schemas/problem.js';
import type { TObject } from '@sinclair/typebox';
import { objectSchema, type Parameters } from './parameters.js';

// Query strings carry text: integers and booleans are converted by the validator (coerceTypes), never defaults
// (Ajv's useDefaults is off: an absent parameter stays absent, so "Try it out" and the paging links send only what
// the user chose). Ajv's strict mode stays on: a schema keyword it does not know fails at start-up.
const ajv = new Ajv({ coerceTypes: true, allErrors: true, removeAdditional: false });
addFormats.default(ajv, ['date']);

type Part = ProblemErrorType['in'];

/** The errors of a failed validation, one per parameter, in the order of the request. */
function problemErrors(errors: ErrorObject[], parameters: Parameters, data: Record<string, unknown>, part: Part): ProblemErrorType[] {
  const names = new Set<string>();
  const unknown = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') unknown.add(String(error.params.additionalProperty));
    else names.add(error.instancePath.slice(1));
  }
  const allowed = Object.keys(parameters);
  const result: ProblemErrorType[] = [];
  let listed = false;
  for (const name of Object.keys(data)) {
    const parameter = names.has(name) ? parameters[name] : undefined;
    if (unknown.has(name)) {
      // The allowed names once, on the first unknown parameter: the others are the same mistake.
      if (allowed.length === 0) result.push({ in: part, name, detail: 'is not a parameter: this resource takes none' });
      else result.push({ ...unknownParameter(name), in: part, ...(listed ? {} : { allowed }) });
      listed = true;
    } else if (parameter) result.push({ in: part, name, ...parameter.explain(data[name]) });
  }
  return result;
}

// Compiling is the costly part of start-up: each set of parameters has one schema object per part, which Ajv
// compiles once (it caches by schema object), so HEAD routes and the documented examples share the GET route's.
const schemas = { query: new WeakMap<Parameters, TObject>(), path: new WeakMap<Parameters, TObject>() };

function schemaOf(parameters: Parameters, part: 'query' | 'path'): TObject {
  let schema = schemas[part].get(parameters);
  if (!schema) schemas[part].set(parameters, (schema = objectSchema(parameters, part === 'path')));
  return schema;
}

/** Validates one part of the request against the route's schema of it, converting values in place. */
function validator(schema: object, parameters: Parameters, part: Part) {
  const check = ajv.compile(schema);
  return (data: unknown): { value: Record<string, unknown> } | { error: HttpProblem } => {
    const values = (data ?? {}) as Record<string, unknown>;
    if (check(values)) return { value: values };
    // Every error is kept; the problem document lists the first ones and counts the others (formats/problem.ts).
    return { error: badRequest(problemErrors(check.errors as ErrorObject[], parameters, values, part)) };
  };
}

/** Throws the 400 problem that `data` gets against `parameters`, as the route would: for the documented examples. */
export function failure(parameters: Parameters, data: Record<string, unknown>): never {
  const result = validator(schemaOf(parameters, 'query'), parameters, 'query')(data);
  if ('error' in result) throw result.error;
  throw new Error(`${JSON.stringify(data)} is valid`);
}

/**
 * The validation of a route taking `query` and `path` parameters: the schemas for its `schema` option, and the
 * compiler Fastify calls with those very schemas, so what it validates is what the OpenAPI document shows.
 */
export function parameterValidation(query: Parameters, path?: Parameters) {
  const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
    if (httpPart === 'querystring') return validator(schema as object, query, 'query');
    if (httpPart === 'params') return validator(schema as object, path ?? {}, 'path');
    return () => true;
  };
  return { schemas: { querystring: schemaOf(query, 'query'), ...(path ? { params: schemaOf(path, 'path') } : {}) }, validatorCompiler };
}
