import { InputError, NotAllowedError } from '@backstage/errors';
import type { OpenApiDocument } from './contractSchema';
import { explainValidationErrors } from './explainValidationErrors';

const SPEC: OpenApiDocument = {
  paths: {
    '/notes/{id}': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { title: { type: 'string', maxLength: 5 } },
              },
            },
          },
        },
      },
    },
  },
};

/** What the middleware passes on for `err` on a request to POST /notes/{id}. */
function passedOn(err: unknown, spec: OpenApiDocument = SPEC): unknown {
  const next = jest.fn();
  const req = {
    method: 'POST',
    body: { title: 'too long' },
    query: {},
    params: {},
    headers: {},
    openapi: { openApiRoute: '/notes/{id}', pathParams: { id: '1' } },
  };
  explainValidationErrors(spec)(err, req as any, {} as any, next);
  expect(next).toHaveBeenCalledTimes(1);
  return next.mock.calls[0][0];
}

describe('explainValidationErrors', () => {
  it('rewords a validator refusal as an InputError (400) naming the field', () => {
    const out = passedOn(
      new InputError('request/body/title must NOT have more than 5 characters'),
    );
    expect(out).toBeInstanceOf(InputError);
    expect((out as Error).message).toBe('title must be at most 5 characters.');
  });

  it('passes other errors and messages it cannot read unchanged', () => {
    const refused = new NotAllowedError(
      'request/body/title must NOT have more than 5 characters',
    );
    expect(passedOn(refused)).toBe(refused);
    const own = new InputError('There is no anomaly x in the last 30 days.');
    expect(passedOn(own)).toBe(own);
  });

  it('keeps the validator’s 400 when the wording fails on an odd document', () => {
    const broken = {
      get paths(): OpenApiDocument['paths'] {
        throw new TypeError('unreadable');
      },
    };
    const err = new InputError(
      'request/body/title must NOT have more than 5 characters',
    );
    expect(passedOn(err, broken)).toBe(err);
  });
});
