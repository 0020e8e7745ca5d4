import { spec } from '../../schema/openapi';
import { FORMAT_WORDS, PATTERN_WORDS } from './patternWords';

/** Every schema object in the document with a pattern or a format, and where. */
function constrainedSchemas(node: unknown, where = '#'): Array<[string, any]> {
  if (!node || typeof node !== 'object') {
    return [];
  }
  const own: Array<[string, any]> =
    'pattern' in node || 'format' in node ? [[where, node]] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, child]) =>
      constrainedSchemas(child, `${where}/${key}`),
    ),
  ];
}

describe('the words for the contract’s patterns and formats', () => {
  const schemas = constrainedSchemas(spec);

  it('finds the patterns to check', () => {
    expect(schemas.length).toBeGreaterThan(10);
  });

  it('has every pattern worded, here or by its x-error-message, so no regular expression reaches a person', () => {
    const unworded = schemas
      .filter(([, s]) => typeof s.pattern === 'string')
      .filter(([, s]) => !PATTERN_WORDS[s.pattern] && !s['x-error-message'])
      .map(([where, s]) => `${where}: ${s.pattern}`);
    expect(unworded).toEqual([]);
  });

  it('has every format worded', () => {
    const unworded = schemas
      .filter(([, s]) => typeof s.format === 'string')
      .filter(([, s]) => !FORMAT_WORDS[s.format] && !s['x-error-message'])
      .map(([where, s]) => `${where}: ${s.format}`);
    expect(unworded).toEqual([]);
  });

  it('words no pattern the contract no longer uses', () => {
    const used = new Set(schemas.map(([, s]) => s.pattern));
    expect(Object.keys(PATTERN_WORDS).filter(p => !used.has(p))).toEqual([]);
  });
});
