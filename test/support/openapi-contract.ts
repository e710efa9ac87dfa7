import type { Server } from 'node:http';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import request, { type Response } from 'supertest';

/**
 * Checks every API response the e2e suite receives against the OpenAPI document the server
 * serves (/api/docs-json), with openapi-backend's validator (Ajv over the document's own
 * schemas): the status must be documented for the operation, the content type must be one the
 * operation lists, and a JSON body must match its schema. A mismatch fails the request's spec,
 * so the document cannot drift from what the server answers.
 */
export class OpenApiContract {
  private constructor(private readonly api: OpenAPIBackend) {}

  static async load(server: Server): Promise<OpenApiContract> {
    const document = (await request(server).get('/api/docs-json').expect(200)).body as Document;
    const api = new OpenAPIBackend({
      definition: document,
      validate: true,
      // Validators compiled when a response first needs them (compiling all of them costs seconds per spec file);
      // the document itself is checked by the Redocly lint in openapi.e2e-spec.ts. Formats such as date-time are checked.
      quick: true,
      customizeAjv: (ajv) => addFormats(ajv as never) as never,
    });
    await api.init();
    return new OpenApiContract(api);
  }

  /** Whether a request goes to the documented API (the web pages and Swagger UI do not). */
  static covers(path: string): boolean {
    return (path.startsWith('/api/') && !path.startsWith('/api/docs')) || path === '/health';
  }

  /** What is wrong with this response, per the document; an empty list when it matches. */
  problems(method: string, url: string, response: Response): string[] {
    const { pathname, searchParams } = new URL(url, 'http://localhost');
    if (!OpenApiContract.covers(pathname)) return [];
    const where = `${method.toUpperCase()} ${pathname} → ${response.status}`;
    const operation: Operation | undefined = this.api.router.matchOperation({
      method,
      path: pathname,
      headers: {},
      query: Object.fromEntries(searchParams),
    });
    if (!operation) return response.status === 404 ? [] : [`${where}: no operation in the OpenAPI document matches`];
    const responses = operation.responses ?? {};
    const documented = responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`] ?? responses.default;
    if (!documented || '$ref' in documented) return [`${where}: status not documented for ${operation.operationId}`];
    const type = String(response.headers['content-type'] ?? '').split(';')[0].trim();
    const content = documented.content ?? {};
    if (!type) return Object.keys(content).length && response.status !== 204 ? [`${where}: no content type, documented ${Object.keys(content).join(', ')}`] : [];
    if (!content[type]) return [`${where}: content type ${type} not documented (documented: ${Object.keys(content).join(', ') || 'no content'})`];
    if (type !== 'application/json') return [];
    const body = Buffer.isBuffer(response.body) ? JSON.parse(response.body.toString('utf8')) : response.body;
    const result = this.api.validator.validateResponse(body, operation, response.status);
    return (result.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message} (${JSON.stringify(e.params)})`);
  }
}
