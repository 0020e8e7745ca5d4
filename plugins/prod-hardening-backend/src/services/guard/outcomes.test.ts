import { outcomeOfError, refusalOf } from './outcomes';

describe('refusalOf', () => {
  it('pairs each refusal with its history outcome and HTTP error', () => {
    const table = (
      [
        'not-found',
        'invalid',
        'not-yours',
        'conflict',
        'stale',
        'denied',
        'aws-refused',
      ] as const
    ).map(kind => {
      const { outcome, error } = refusalOf(kind, 'why');
      return [kind, outcome, error.name, error.message];
    });
    expect(table).toEqual([
      ['not-found', 'rejected', 'NotFoundError', 'why'],
      ['invalid', 'rejected', 'InputError', 'why'],
      ['not-yours', 'rejected', 'ConflictError', 'why'],
      ['conflict', 'conflict', 'ConflictError', 'why'],
      ['stale', 'stale', 'ConflictError', 'why'],
      ['denied', 'denied', 'NotAllowedError', 'why'],
      ['aws-refused', 'failed', 'ConflictError', 'why'],
    ]);
  });
});

describe('outcomeOfError', () => {
  it.each([
    ['ServiceUnavailableError', 'unavailable'],
    ['AuthenticationError', 'denied'],
    ['NotAllowedError', 'denied'],
    ['ConflictError', 'conflict'],
    ['NotFoundError', 'rejected'],
    ['InputError', 'rejected'],
    ['ThrottlingException', 'failed'],
  ])('records a thrown %s as %s', (name, outcome) => {
    expect(outcomeOfError(Object.assign(new Error('x'), { name }))).toBe(
      outcome,
    );
  });

  it('records something thrown that is not an error as failed', () => {
    expect(outcomeOfError('a string')).toBe('failed');
    expect(outcomeOfError(undefined)).toBe('failed');
  });
});
