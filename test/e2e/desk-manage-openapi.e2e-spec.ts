import { TestApp } from '../support/test-app';

/** The OpenAPI document describes the routes added for managing sources, revisions and accounts. */
describe('OpenAPI document: desk management routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('documents each new route with its response schema', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const response = (path: string, method: string, status: string) => doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
    expect(response('/api/sources/{id}/merge', 'post', '200')).toEqual({ $ref: '#/components/schemas/SourceMergeResultDto' });
    expect(response('/api/articles/{id}/revisions', 'post', '201')).toEqual({ $ref: '#/components/schemas/RevisionCreatedDto' });
    expect(response('/api/articles/{id}/revisions', 'get', '200')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/RevisionSummaryDto' } });
    expect(response('/api/articles/{id}/revisions/{number}', 'get', '200')).toEqual({ $ref: '#/components/schemas/RevisionDto' });
    expect(response('/api/articles/{id}/anchor-flags', 'get', '200')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/AnchorFlagDto' } });
    expect(response('/api/articles/{id}/anchor-flags/{flagId}/resolve', 'post', '200')).toEqual({ $ref: '#/components/schemas/AnchorFlagDto' });
    expect(response('/api/account/sessions', 'get', '200')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/SessionDto' } });
    expect(response('/api/account/sessions', 'delete', '200')).toEqual({ $ref: '#/components/schemas/SignedOutDto' });
    expect(doc.paths['/api/account/password'].post.responses['204']).toBeDefined();
    const schemas = doc.components.schemas;
    expect(schemas.SessionDto.properties.lastUsedAt).toMatchObject({ type: 'string', nullable: true });
    expect(schemas.ReanchorResultDto.properties.outcome.enum).toEqual(['exact', 'found', 'ambiguous', 'fuzzy', 'not_found']);
    expect(schemas.SourceMergeResultDto.properties.claimIds).toMatchObject({ type: 'array', items: { type: 'number' } });
  });
});
