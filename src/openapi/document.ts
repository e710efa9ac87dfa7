import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Corrections to the document @nestjs/swagger generates, so that it describes what the server
 * answers under OpenAPI 3.0 (pure functions: unit-tested in document.spec.ts, and the e2e suite
 * validates every response against the result).
 */

type Schema = Record<string, unknown>;
type Operation = {
  'x-roles'?: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, unknown>;
};

const NULL_ONLY: Schema = { type: 'object', nullable: true, enum: [null], description: 'null' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export const ERROR_REF = '#/components/schemas/ErrorDto';

/**
 * `nullable: true` next to `allOf: [$ref]` is what the generator writes for `{ type: X,
 * nullable: true }`, but under OpenAPI 3.0 `nullable` only widens a `type` in the same schema:
 * the referenced schema still rejects null. A nullable reference becomes
 * `anyOf: [$ref, {nullable enum [null]}]`; a nullable enum gets `null` among its values (and
 * its `type`, which `nullable` needs).
 */
export function fixSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(fixSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === 'example' || key === 'enum' ? value : fixSchema(value);
  if (out.nullable === true && Array.isArray(out.allOf) && out.allOf.length === 1 && !out.properties) {
    const { nullable: _n, type: _t, allOf, ...rest } = out;
    return { ...rest, anyOf: [(allOf as unknown[])[0], NULL_ONLY] };
  }
  if (out.nullable === true && Array.isArray(out.enum)) {
    const values = out.enum as unknown[];
    if (!values.includes(null)) out.enum = [...values, null];
    if (out.type === undefined) {
      const kinds = new Set(values.map((v) => typeof v));
      if (kinds.size === 1) out.type = kinds.has('number') ? 'number' : kinds.has('boolean') ? 'boolean' : 'string';
    }
  }
  return out;
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: ERROR_REF } } } });

/**
 * The errors each operation can answer, all with the one error body (ErrorDto): 400 for input
 * that fails validation, 401 without a valid token, 404 for an unknown id, 409/412 for a stale
 * version, 422 for a write the rules refuse. 403 for the roles `@Roles` names (its `x-roles` extension).
 * `default` covers the rest (500), so every error the server sends is described.
 */
export function documentErrors(operation: Operation, method: string, path: string): void {
  const responses = operation.responses;
  const add = (status: string, description: string) => {
    if (!responses[status]) responses[status] = error(description);
  };
  const inputs = (operation.parameters ?? []).some((p) => p.in === 'query' || p.in === 'path') || operation.requestBody !== undefined;
  if (inputs) add('400', 'The request is malformed: `errors` names each field and the reason.');
  if (operation.security?.length) add('401', 'No valid bearer token: sign in with POST /api/auth/login.');
  const roles = operation['x-roles'];
  if (roles) add('403', `Only ${roles.join(', ')} may do this, within the workflow's rules.`);
  const write = method !== 'get' && !path.startsWith('/api/auth/');
  if (write && operation.security?.length) add('403', "The workflow's rules (four eyes, who may move a claim) refuse it.");
  if (path.includes('{')) add('404', 'No such record (the message names it).');
  if (write && (method === 'patch' || method === 'put' || method === 'delete' || path.includes('{'))) {
    add('409', 'Someone else changed the record first (`currentVersion`), or it is in a state that forbids this; nothing was written.');
  }
  if ((operation.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')) {
    add('412', 'The `If-Match` version is stale; nothing was written.');
  }
  if (write) add('422', 'Well-formed, but the rules refuse it (`errors` names the field and the reason); nothing was written.');
  add('default', 'Any other error, such as 500: the same body, without internals.');
}

/** Applies every correction to a generated document (in place) and returns it. */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  const fixed = fixSchema(document) as OpenAPIObject;
  for (const [path, item] of Object.entries(fixed.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      // Public routes (health, sign-in) say so: an empty list means no credentials.
      operation.security ??= [];
      documentErrors(operation, method, path);
    }
  }
  return fixed;
}
