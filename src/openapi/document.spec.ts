import Ajv from 'ajv';
import { documentErrors, ERROR_REF, fixSchema } from './document';

// Ajv implements OpenAPI 3.0's `nullable` (it widens `type`), as OpenAPI validators do.
const ajv = () => new Ajv({ strict: false });
const components = { UserRefDto: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } };
const compile = (schema: object) => ajv().compile({ ...schema, definitions: components });
const ref = { $ref: '#/definitions/UserRefDto' };

describe('OpenAPI document fixes', () => {
  it('makes a nullable reference accept null and still check the object', () => {
    const generated = { nullable: true, type: 'object', allOf: [ref], description: 'Who' };
    expect(compile(generated)(null)).toBe(false); // what @nestjs/swagger writes rejects null
    const fixed = fixSchema(generated) as object;
    expect(fixed).toMatchObject({ description: 'Who', anyOf: [ref, { nullable: true, enum: [null] }] });
    const validate = compile(fixed);
    expect(validate(null)).toBe(true);
    expect(validate({ id: 3 })).toBe(true);
    expect(validate({ id: 'x' })).toBe(false);
    expect(validate('x')).toBe(false);
  });

  it('adds null to a nullable enum, with the type nullable needs', () => {
    const fixed = fixSchema({ nullable: true, enum: ['true', 'false'] });
    expect(fixed).toEqual({ nullable: true, type: 'string', enum: ['true', 'false', null] });
    const validate = compile(fixed as object);
    expect(validate(null)).toBe(true);
    expect(validate('true')).toBe(true);
    expect(validate('maybe')).toBe(false);
  });

  it('fixes schemas nested anywhere, and leaves examples and non-nullable schemas alone', () => {
    const doc = { components: { schemas: { A: { properties: { b: { nullable: true, allOf: [ref] }, c: { type: 'string', example: { nullable: true, allOf: [] } } } } } } };
    const fixed = fixSchema(doc) as typeof doc;
    expect(fixed.components.schemas.A.properties.b).toEqual({ anyOf: [ref, expect.objectContaining({ enum: [null] })] });
    expect(fixed.components.schemas.A.properties.c).toEqual(doc.components.schemas.A.properties.c);
  });

  it('documents the errors an operation can answer, from its inputs, security, roles and If-Match', () => {
    const write = {
      'x-roles': ['editor', 'admin'],
      parameters: [
        { in: 'path', name: 'id' },
        { in: 'header', name: 'If-Match' },
      ],
      requestBody: {},
      security: [{ bearer: [] }],
      responses: { '200': { description: 'ok' } },
    };
    documentErrors(write, 'patch', '/api/claims/{id}');
    expect(Object.keys(write.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '412', '422', 'default']);
    expect(write.responses['403' as '200']).toEqual({
      description: expect.stringContaining('Only editor, admin'),
      content: { 'application/json': { schema: { $ref: ERROR_REF } } },
    });

    const read = { security: [{ bearer: [] }], responses: { '200': { description: 'ok' } } };
    documentErrors(read, 'get', '/api/articles');
    expect(Object.keys(read.responses).sort()).toEqual(['200', '401', 'default']);
  });
});
