import { hashState, stableStringify } from './stateHash';

describe('hashState', () => {
  it('does not depend on key order', () => {
    expect(hashState({ a: 1, b: [1, { d: 2, c: 3 }] })).toBe(
      hashState({ b: [1, { c: 3, d: 2 }], a: 1 }),
    );
    expect(stableStringify({ b: 1, a: undefined })).toBe('{"b":1}');
  });

  it('changes when a value changes', () => {
    expect(hashState({ a: 1 })).not.toBe(hashState({ a: 2 }));
  });
});
