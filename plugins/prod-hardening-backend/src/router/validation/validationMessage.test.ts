import type { OpenApiDocument } from './contractSchema';
import { parseValidationMessage } from './validationIssues';
import { describeRejection, RejectedRequest } from './validationMessage';

/** A small contract with one operation per shape the messages must handle. */
const SPEC: OpenApiDocument = {
  paths: {
    '/notes': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  title: { type: 'string', minLength: 1, maxLength: 80 },
                  reason: { $ref: '#/components/schemas/Reason' },
                  comment: {
                    type: 'string',
                    pattern: '\\S',
                    maxLength: 100,
                    'x-error-message': 'must not be blank (leave it out)',
                  },
                  slug: { type: 'string', pattern: '^[a-z0-9-]+$' },
                  odd: { type: 'string', pattern: '^x+$' },
                  colour: { type: 'string', enum: ['red', 'blue'] },
                  count: { type: 'integer', minimum: 1, maximum: 10 },
                  at: { type: 'string', format: 'date-time' },
                  tags: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { id: { type: 'string', minLength: 2 } },
                    },
                  },
                },
                required: ['title'],
                additionalProperties: false,
              },
            },
          },
        },
      },
    },
    '/things/{id}': {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { format: 'uuid' } },
      ],
      get: {
        parameters: [
          {
            name: 'format',
            in: 'query',
            schema: { type: 'string', enum: ['json', 'csv'] },
          },
          { $ref: '#/components/parameters/Limit' },
        ],
      },
    },
    '/exempt': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  {
                    type: 'object',
                    properties: {
                      kind: { type: 'string', const: 'check' },
                      checkId: { type: 'string' },
                      reason: { $ref: '#/components/schemas/Reason' },
                    },
                    required: ['kind', 'checkId', 'reason'],
                    additionalProperties: false,
                  },
                  {
                    type: 'object',
                    properties: {
                      kind: { type: 'string', const: 'finding' },
                      findingId: { type: 'string' },
                      reason: { $ref: '#/components/schemas/Reason' },
                    },
                    required: ['kind', 'findingId', 'reason'],
                    additionalProperties: false,
                  },
                ],
              },
            },
          },
        },
      },
    },
    '/ping': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {},
                additionalProperties: false,
              },
            },
          },
        },
      },
    },
    '/either': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Reason: {
        type: 'string',
        minLength: 10,
        maxLength: 2000,
        pattern: '^\\s*\\S[\\s\\S]{8,}\\S\\s*$',
      },
    },
    parameters: {
      Limit: {
        name: 'limit',
        in: 'query',
        schema: { type: 'integer', minimum: 1, maximum: 500 },
      },
    },
  },
};

const request = (
  route: string,
  method: string,
  parts: Record<string, unknown>,
): RejectedRequest => ({ spec: SPEC, route, method, parts });

const describe_ = (message: string, rejected: RejectedRequest) =>
  describeRejection(parseValidationMessage(message)!, rejected);

describe('describeRejection', () => {
  const note = (body: unknown) => request('/notes', 'POST', { body });

  it.each([
    [
      "request/body must have required property 'title'",
      {},
      'title is required.',
    ],
    [
      'request/body/title must NOT have fewer than 1 characters',
      { title: '' },
      'title must not be empty.',
    ],
    [
      'request/body/title must NOT have more than 80 characters',
      { title: 't'.repeat(81) },
      'title must be at most 80 characters.',
    ],
    [
      'request/body/reason must NOT have fewer than 10 characters',
      { title: 't', reason: 'pls' },
      'reason must be at least 10 characters.',
    ],
    [
      'request/body/reason must match pattern "^\\s*\\S[\\s\\S]{8,}\\S\\s*$"',
      { title: 't', reason: '   short    ' },
      'reason must be at least 10 characters, not counting blanks at either end.',
    ],
    [
      'request/body/slug must match pattern "^[a-z0-9-]+$"',
      { title: 't', slug: 'A B' },
      "slug must use only lowercase letters, digits and '-'.",
    ],
    [
      'request/body/odd must match pattern "^x+$"',
      { title: 't', odd: 'y' },
      'odd is not in the form the API documentation describes.',
    ],
    [
      'request/body/colour must be equal to one of the allowed values: red, blue',
      { title: 't', colour: 'green' },
      'colour must be one of red, blue.',
    ],
    [
      'request/body/count must be integer',
      { title: 't', count: 1.5 },
      'count must be a whole number.',
    ],
    [
      'request/body/count must be >= 1',
      { title: 't', count: 0 },
      'count must be at least 1.',
    ],
    [
      'request/body/count must be <= 10',
      { title: 't', count: 11 },
      'count must be at most 10.',
    ],
    [
      'request/body/at must match format "date-time"',
      { title: 't', at: 'tomorrow' },
      'at must be a date and time in ISO 8601 form (like 2026-12-31T23:59:59Z).',
    ],
    [
      'request/body/tags/1/id must NOT have fewer than 2 characters',
      { title: 't', tags: [{ id: 'ok' }, { id: 'x' }] },
      'tags.1.id must be at least 2 characters.',
    ],
    [
      'request/body must be object',
      ['t'],
      'the request body must be an object.',
    ],
    [
      'request/body/count must be multiple of 2',
      { title: 't', count: 3 },
      'count must be multiple of 2.',
    ],
  ])('words %s', (message, body, expected) => {
    expect(describe_(message, note(body))).toBe(expected);
  });

  it('names the fields a body may not carry, and the ones it may', () => {
    expect(
      describe_(
        'request/body must NOT have additional properties',
        note({
          title: 't',
          answeredBy: 'someone',
          extra: 1,
        }),
      ),
    ).toBe(
      'answeredBy, extra are not accepted (the fields are title, reason, comment, slug, odd, colour, count, at, tags).',
    );
  });

  it('uses the field’s x-error-message for a broken bound, not for its type', () => {
    for (const message of [
      'request/body/comment must match pattern "\\S"',
      'request/body/comment must NOT have more than 100 characters',
    ]) {
      expect(describe_(message, note({ title: 't', comment: ' ' }))).toBe(
        'comment must not be blank (leave it out).',
      );
    }
    expect(
      describe_('request/body/comment must be string', note({ comment: 1 })),
    ).toBe('comment must be text.');
  });

  it('words query and path parameters, $ref parameters included', () => {
    const things = (query: unknown, params: unknown = { id: 'x' }) =>
      request('/things/{id}', 'GET', { query, params });
    expect(
      describe_(
        'request/query/format must be equal to one of the allowed values: json, csv',
        things({ format: 'xml' }),
      ),
    ).toBe('query parameter format must be one of json, csv.');
    expect(
      describe_('request/query/limit must be <= 500', things({ limit: 501 })),
    ).toBe('query parameter limit must be at most 500.');
    expect(
      describe_('request/params/id must match format "uuid"', things({})),
    ).toBe(
      'path parameter id must be a UUID (like 123e4567-e89b-12d3-a456-426614174000).',
    );
    expect(
      describe_("Empty value found for query parameter 'format'", things({})),
    ).toBe('query parameter format is empty: give a value or leave it out.');
  });

  it('says so when a body takes no fields at all', () => {
    expect(
      describe_(
        'request/body must NOT have additional properties',
        request('/ping', 'POST', { body: { x: 1 } }),
      ),
    ).toBe('x is not accepted: this request takes no fields.');
  });

  describe('a oneOf body chosen by its const property', () => {
    const exempt = (body: unknown) => request('/exempt', 'POST', { body });

    it('reports only the chosen branch’s issues', () => {
      expect(
        describe_(
          'request/body/reason must match pattern "^\\s*\\S[\\s\\S]{8,}\\S\\s*$", ' +
            "request/body must have required property 'findingId', " +
            'request/body must match exactly one schema in oneOf',
          exempt({ kind: 'check', checkId: 'c', reason: '     short     ' }),
        ),
      ).toBe(
        'reason must be at least 10 characters, not counting blanks at either end.',
      );
    });

    it('names a field the chosen branch does not take', () => {
      expect(
        describe_(
          'request/body must NOT have additional properties, ' +
            "request/body must have required property 'checkId', " +
            'request/body must match exactly one schema in oneOf',
          exempt({
            kind: 'finding',
            findingId: 'f',
            reason: 'r',
            checkId: 'c',
          }),
        ),
      ).toBe(
        'checkId is not accepted (the fields are kind, findingId, reason).',
      );
    });

    it('asks for a known value when the discriminator takes none', () => {
      expect(
        describe_(
          "request/body must have required property 'checkId', " +
            "request/body must have required property 'findingId', " +
            'request/body must match exactly one schema in oneOf',
          exempt({ kind: 'checkz' }),
        ),
      ).toBe('kind must be one of check, finding.');
    });

    it('says the body matches no form when no property tells the branches apart', () => {
      expect(
        describe_(
          'request/body must be string, request/body must be integer, request/body must match exactly one schema in oneOf',
          request('/either', 'POST', { body: true }),
        ),
      ).toBe(
        'the request body must be text; the request body must be a whole number; the request body does not match any of the forms the API documentation describes.',
      );
    });
  });

  it('says each broken rule once', () => {
    expect(
      describe_(
        'request/body/title must be string, request/body/title must be string',
        note({ title: 1 }),
      ),
    ).toBe('title must be text.');
  });

  it('still names the field for an operation the document does not have', () => {
    expect(
      describe_(
        'request/body/title must NOT have fewer than 3 characters',
        request('/nowhere', 'POST', { body: { title: '' } }),
      ),
    ).toBe('title must be at least 3 characters.');
  });
});
