import { sessionTagsOf, sourceIdentityOf } from './actingUser';

const AWS_IDENTITY = /^[\w+=,.@-]{2,64}$/;

describe('sourceIdentityOf', () => {
  it('writes an entity ref in the characters AWS allows', () => {
    expect(sourceIdentityOf('user:default/jane.doe')).toBe(
      'user.default.jane.doe',
    );
    expect(sourceIdentityOf('user:default/jane_doe@example.com')).toBe(
      'user.default.jane_doe@example.com',
    );
  });

  it('replaces any other character with a dash', () => {
    expect(sourceIdentityOf('user:default/jöe smith#1')).toBe(
      'user.default.j-e-smith-1',
    );
  });

  it('keeps a long ref within 64 characters and apart from other long refs', () => {
    const a = sourceIdentityOf(`user:default/${'a'.repeat(80)}`);
    const b = sourceIdentityOf(`user:default/${'a'.repeat(81)}`);
    expect(a).toMatch(AWS_IDENTITY);
    expect(a).toHaveLength(64);
    expect(a.startsWith('user.default.aaaa')).toBe(true);
    expect(a).not.toBe(b);
  });

  it('refuses a ref AWS could not record (fewer than 2 characters)', () => {
    expect(() => sourceIdentityOf(' x ')).toThrow(/Cannot act as " x "/);
  });
});

describe('sessionTagsOf', () => {
  it('names the user and the plan', () => {
    expect(
      sessionTagsOf({ userRef: 'user:default/jane.doe', planId: 'p-1' }),
    ).toEqual([
      { Key: 'prod-hardening:user', Value: 'user:default/jane.doe' },
      { Key: 'prod-hardening:plan-id', Value: 'p-1' },
    ]);
  });

  it('replaces characters tag values cannot hold', () => {
    expect(sessionTagsOf({ userRef: 'user:default/a#b!c' })).toEqual([
      { Key: 'prod-hardening:user', Value: 'user:default/a_b_c' },
    ]);
  });
});
