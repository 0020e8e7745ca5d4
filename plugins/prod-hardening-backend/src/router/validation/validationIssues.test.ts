import { parseValidationMessage } from './validationIssues';

describe('parseValidationMessage', () => {
  it.each([
    [
      "request/body must have required property 'feedback'",
      { part: 'body', path: [], kind: 'required', detail: 'feedback' },
    ],
    [
      'request/body must NOT have additional properties',
      { part: 'body', path: [], kind: 'additionalProperties' },
    ],
    [
      'request/query/format must be equal to one of the allowed values: json, csv, md',
      {
        part: 'query',
        path: ['format'],
        kind: 'enum',
        detail: 'json, csv, md',
      },
    ],
    [
      'request/body/kind must be equal to constant',
      { part: 'body', path: ['kind'], kind: 'const' },
    ],
    [
      'request/body/source must be string',
      { part: 'body', path: ['source'], kind: 'type', detail: 'string' },
    ],
    [
      'request/body/note must be string,null',
      { part: 'body', path: ['note'], kind: 'type', detail: 'string' },
    ],
    [
      'request/body/reason must NOT have fewer than 10 characters',
      { part: 'body', path: ['reason'], kind: 'minLength', detail: '10' },
    ],
    [
      'request/body/comment must NOT have more than 1000 characters',
      { part: 'body', path: ['comment'], kind: 'maxLength', detail: '1000' },
    ],
    [
      'request/body/justification must match pattern "^\\s*\\S[\\s\\S]{8,}\\S\\s*$"',
      {
        part: 'body',
        path: ['justification'],
        kind: 'pattern',
        detail: '^\\s*\\S[\\s\\S]{8,}\\S\\s*$',
      },
    ],
    [
      'request/params/id must match format "uuid"',
      { part: 'params', path: ['id'], kind: 'format', detail: 'uuid' },
    ],
    [
      'request/query/limit must be >= 1',
      { part: 'query', path: ['limit'], kind: 'minimum', detail: '1' },
    ],
    [
      'request/body/maxMessages must be <= 1000',
      {
        part: 'body',
        path: ['maxMessages'],
        kind: 'maximum',
        detail: '1000',
      },
    ],
    [
      'request/body/ratio must be > 0',
      {
        part: 'body',
        path: ['ratio'],
        kind: 'exclusiveMinimum',
        detail: '0',
      },
    ],
    [
      'request/body/ids must NOT have fewer than 1 items',
      { part: 'body', path: ['ids'], kind: 'minItems', detail: '1' },
    ],
    [
      'request/body must match exactly one schema in oneOf',
      { part: 'body', path: [], kind: 'oneOf' },
    ],
    [
      'request/body/targets/0/id must NOT have fewer than 1 characters',
      {
        part: 'body',
        path: ['targets', '0', 'id'],
        kind: 'minLength',
        detail: '1',
      },
    ],
    [
      'request/body/a~1b~0c must be string',
      { part: 'body', path: ['a/b~c'], kind: 'type', detail: 'string' },
    ],
    [
      'request/body/x must be multiple of 2',
      { part: 'body', path: ['x'], kind: 'other' },
    ],
  ])('reads %s', (message, expected) => {
    expect(parseValidationMessage(message)).toEqual([
      expect.objectContaining(expected),
    ]);
  });

  it('keeps AJV’s words for each issue', () => {
    expect(
      parseValidationMessage('request/body/x must be multiple of 2')?.[0]
        .original,
    ).toBe('must be multiple of 2');
  });

  it('splits the errors the validator joins with ", ", even around a pattern with a comma', () => {
    const issues = parseValidationMessage(
      'request/query/severity must match pattern "^(?:A|B)(?:,\\s*(?:A|B))*$", ' +
        "request/body must have required property 'findingId', " +
        'request/body must match exactly one schema in oneOf',
    );
    expect(issues?.map(i => [i.part, i.kind, i.detail])).toEqual([
      ['query', 'pattern', '^(?:A|B)(?:,\\s*(?:A|B))*$'],
      ['body', 'required', 'findingId'],
      ['body', 'oneOf', undefined],
    ]);
  });

  it.each([
    [
      "Empty value found for query parameter 'format'",
      'emptyParameter',
      'format',
    ],
  ])('reads the query sentence %s', (message, kind, name) => {
    expect(parseValidationMessage(message)).toEqual([
      { part: 'query', path: [name], kind, detail: name, original: message },
    ]);
  });

  it.each([
    'There is no anomaly x in the last 30 days; reload the FinOps tab.',
    'The request body is not valid JSON (Unexpected end of JSON input); send a JSON object.',
    "request must have required property 'body'",
    "Unknown query parameter 'week'",
    '',
  ])('leaves a message it does not know alone: %j', message => {
    expect(parseValidationMessage(message)).toBeUndefined();
  });
});
