import { CostValidationError } from './errors';
import { costEntryInputSchema, parseOrThrow } from './schemas';

const valid = {
  provider: 'openai',
  agent: 'content',
  model: 'gpt-4o',
  amountUsd: 0.42,
  inputTokens: 1200,
  outputTokens: 300,
};

function fieldOf(value: unknown, prefix = ''): string {
  try {
    parseOrThrow(costEntryInputSchema, value, prefix);
  } catch (err) {
    expect(err).toBeInstanceOf(CostValidationError);
    return (err as CostValidationError).field;
  }
  throw new Error('expected a validation error');
}

describe('cost entry validation', () => {
  it('accepts a valid entry and fills defaults', () => {
    expect(parseOrThrow(costEntryInputSchema, valid)).toEqual({
      ...valid,
      requests: 1,
    });
    expect(
      parseOrThrow(costEntryInputSchema, {
        ...valid,
        amountUsd: undefined,
        amountMicros: 5,
        inputTokens: undefined,
        outputTokens: undefined,
      }),
    ).toMatchObject({ amountMicros: 5, inputTokens: 0, outputTokens: 0 });
  });

  it.each([
    ['negative amount', { amountUsd: -1 }, 'amountUsd'],
    ['NaN amount', { amountUsd: Number.NaN }, 'amountUsd'],
    ['infinite amount', { amountUsd: Infinity }, 'amountUsd'],
    [
      'fractional micro-dollars',
      { amountUsd: undefined, amountMicros: 1.5 },
      'amountMicros',
    ],
    ['no amount', { amountUsd: undefined }, 'amountUsd'],
    ['both amounts', { amountMicros: 420000 }, 'amountUsd'],
    ['unknown provider', { provider: 'anthropic' }, 'provider'],
    ['key separator in agent', { agent: 'content#x' }, 'agent'],
    ['empty model', { model: '' }, 'model'],
    ['fractional tokens', { inputTokens: 1.5 }, 'inputTokens'],
    ['negative tokens', { outputTokens: -3 }, 'outputTokens'],
    ['zero requests', { requests: 0 }, 'requests'],
    ['malformed timestamp', { timestamp: '2026-11-31 10:00' }, 'timestamp'],
    ['invalid Date', { timestamp: new Date('nope') }, 'timestamp'],
    ['entry id with spaces', { entryId: 'a b' }, 'entryId'],
  ])('names the field for a %s', (_name, patch, field) => {
    expect(fieldOf({ ...valid, ...patch })).toBe(field);
  });

  it('rejects unknown fields instead of dropping them', () => {
    expect(() =>
      parseOrThrow(costEntryInputSchema, { ...valid, cost: 1 }),
    ).toThrow(/Unrecognized key/);
  });

  it('prefixes the position of an entry in a batch', () => {
    expect(fieldOf({ ...valid, provider: 'x' }, 'entries[3].')).toBe(
      'entries[3].provider',
    );
  });

  it('says what is wrong in the message', () => {
    expect(() =>
      parseOrThrow(costEntryInputSchema, { ...valid, provider: 'anthropic' }),
    ).toThrow(
      'Invalid cost-monitoring input: provider: must be one of openai, azure',
    );
  });
});
