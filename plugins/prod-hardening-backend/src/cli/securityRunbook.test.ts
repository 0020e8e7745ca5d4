import {
  loadResourceNames,
  seedDemoAccount,
  startMoto,
  MotoServer,
} from '@prod-hardening/dev-stack';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runSecurityRunbook } from './securityRunbook';

jest.setTimeout(60_000);

const APP_CONFIG = resolve(__dirname, '../../../../app-config.yaml');

describe('security runbook CLI against the seeded emulator', () => {
  let moto: MotoServer;
  let override: string;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    moto = await startMoto();
    await seedDemoAccount({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      accountId: '123456789012',
      resources: await loadResourceNames(APP_CONFIG),
      now: new Date('2026-11-20T12:00:00Z'),
    });
    override = join(
      mkdtempSync(join(tmpdir(), 'runbook-')),
      'app-config.test.yaml',
    );
    writeFileSync(
      override,
      `prodHardening:\n  aws:\n    endpoint: ${moto.endpoint}\n    maxAttempts: 1\n`,
    );
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('exits 1 on the starting story and prints a table with every check', async () => {
    let out = '';
    const code = await runSecurityRunbook(
      ['--config', APP_CONFIG, '--config', override],
      t => (out += t),
    );
    expect(code).toBe(1);
    expect(out).toMatch(
      /FAIL\s+CRITICAL\s+S3\.1\s+s3-account-public-access-block/,
    );
    expect(out).toContain('1 passed, 16 failed, 1 warnings, 2 not evaluated');
  });

  it('prints machine-readable JSON with --json', async () => {
    let out = '';
    await runSecurityRunbook(
      ['--config', APP_CONFIG, '--config', override, '--json'],
      t => (out += t),
    );
    const parsed = JSON.parse(out);
    expect(parsed.exitCode).toBe(1);
    expect(parsed.checks).toHaveLength(20);
  });

  it('stops with the offending key when the configuration is invalid', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'runbook-')), 'bad.yaml');
    writeFileSync(bad, 'prodHardening:\n  aws:\n    region: moon-1\n');
    await expect(
      runSecurityRunbook(['--config', APP_CONFIG, '--config', bad], () => {}),
    ).rejects.toThrow(
      'prodHardening.aws.region is not a known AWS region: "moon-1"',
    );
  });
});
