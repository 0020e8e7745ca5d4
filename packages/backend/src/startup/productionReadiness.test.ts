import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  assertProductionReady,
  findProductionConfigProblems,
  isProductionRuntime,
  UnsafeProductionConfigError,
} from './productionReadiness';

/** A configuration that may serve production; each test breaks one part of it. */
function safe(): JsonObject {
  return {
    backend: { database: { client: 'pg', connection: { host: 'db' } } },
    permission: { enabled: true },
    auth: {
      environment: 'production',
      session: { secret: 'not-printed-either' },
      providers: {
        oidc: {
          production: {
            metadataUrl: 'https://idp.example.com',
            clientId: 'portal',
            clientSecret: 'not-printed',
          },
        },
      },
    },
    prodHardening: {
      aws: {
        readRoleArn: 'arn:aws:iam::317805897534:role/huntaze-portal-read',
        remediationRoleArn:
          'arn:aws:iam::317805897534:role/huntaze-portal-remediation',
      },
    },
  };
}

const keysOf = (data: JsonObject) =>
  findProductionConfigProblems(new ConfigReader(data)).map(p => p.key);

describe('isProductionRuntime', () => {
  it('is true only for NODE_ENV=production', () => {
    expect(isProductionRuntime({ NODE_ENV: 'production' })).toBe(true);
    expect(isProductionRuntime({ NODE_ENV: 'development' })).toBe(false);
    expect(isProductionRuntime({ NODE_ENV: 'test' })).toBe(false);
    expect(isProductionRuntime({})).toBe(false);
  });
});

describe('findProductionConfigProblems', () => {
  it('finds nothing in a safe configuration', () => {
    expect(keysOf(safe())).toEqual([]);
  });

  it('rejects guest sign-in, even next to a real provider', () => {
    const data = safe();
    (data.auth as any).providers.guest = { userEntityRef: 'user:default/x' };
    expect(keysOf(data)).toEqual(['auth.providers.guest']);
  });

  it('rejects a configuration without any sign-in provider', () => {
    const data = safe();
    (data.auth as any).providers = {};
    expect(keysOf(data)).toEqual(['auth.providers']);
  });

  it('rejects the oidc provider without a session secret', () => {
    const data = safe();
    delete (data.auth as any).session;
    expect(keysOf(data)).toEqual(['auth.session.secret']);
  });

  it('rejects a provider without settings for the auth environment', () => {
    const data = safe();
    (data.auth as any).environment = 'development';
    expect(keysOf(data)).toEqual([
      'auth.environment',
      'auth.providers.oidc.development',
    ]);
  });

  it.each([[undefined], [false]])('rejects permission.enabled %p', enabled => {
    const data = safe();
    data.permission = enabled === undefined ? {} : { enabled };
    expect(keysOf(data)).toEqual(['permission.enabled']);
  });

  it.each(['better-sqlite3', 'sqlite3'])(
    'rejects database client %s',
    client => {
      const data = safe();
      (data.backend as any).database.client = client;
      expect(keysOf(data)).toEqual(['backend.database.client']);
    },
  );

  it('rejects a missing database client', () => {
    const data = safe();
    data.backend = {};
    expect(keysOf(data)).toEqual(['backend.database.client']);
  });

  it('rejects missing or blank role ARNs, naming each', () => {
    const data = safe();
    (data.prodHardening as any).aws = { readRoleArn: ' ' };
    expect(keysOf(data)).toEqual([
      'prodHardening.aws.readRoleArn',
      'prodHardening.aws.remediationRoleArn',
    ]);
  });

  it('rejects a disabled default auth policy and external access without its secret', () => {
    const data = safe();
    (data.backend as any).auth = {
      dangerouslyDisableDefaultAuthPolicy: true,
      keys: [{ secret: '' }],
      externalAccess: [
        { type: 'static', options: { subject: 'ci' } },
        { type: 'static', options: { token: 'x', subject: 'ok' } },
        { type: 'legacy', options: { subject: 'old' } },
      ],
    };
    expect(keysOf(data)).toEqual([
      'backend.auth.dangerouslyDisableDefaultAuthPolicy',
      'backend.auth.keys[0].secret',
      'backend.auth.externalAccess[0].options.token',
      'backend.auth.externalAccess[2].options.secret',
    ]);
  });

  it('needs no backend.auth.keys: plugin-to-plugin tokens use keys kept in the database', () => {
    expect(keysOf(safe())).not.toContain('backend.auth.keys');
  });
});

describe('assertProductionReady', () => {
  it('throws one error naming every offending key and what to set, without values', () => {
    const data = safe();
    (data.auth as any).providers.guest = {};
    data.permission = {};
    (data.backend as any).database.client = 'better-sqlite3';
    delete (data.prodHardening as any).aws.remediationRoleArn;

    let error: unknown;
    try {
      assertProductionReady(new ConfigReader(data));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsafeProductionConfigError);
    const message = (error as Error).message;
    expect(message).toContain('NODE_ENV=production');
    for (const key of [
      'auth.providers.guest',
      'permission.enabled is not true; set it to true',
      'backend.database.client is better-sqlite3; set it to pg',
      'prodHardening.aws.remediationRoleArn is missing',
    ]) {
      expect(message).toContain(key);
    }
    expect(message).not.toMatch(/not-printed|huntaze-portal-read/);
    expect((error as UnsafeProductionConfigError).problems).toHaveLength(4);
  });

  it('returns for a safe configuration', () => {
    expect(() => assertProductionReady(new ConfigReader(safe()))).not.toThrow();
  });
});
