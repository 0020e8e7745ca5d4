import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  loadResourceNames,
  MotoServer,
  ResourceNames,
  seedDemoAccount,
  startMoto,
} from '@prod-hardening/dev-stack';
import { resolve } from 'node:path';
import { ProdHardeningConfig, readProdHardeningConfig } from '../config';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';
export const APP_CONFIG = resolve(__dirname, '../../../../app-config.yaml');
/** A fixed clock for the seed, so findings and costs are the same on every run. */
export const SEED_NOW = new Date('2026-11-20T12:00:00Z');

/** A port nothing listens on: Redis (or AWS) reported down without waiting. */
export const UNREACHABLE = 'redis://127.0.0.1:1';

/** Dummy credentials for the emulator, set once per test file. */
export function useEmulatorCredentials() {
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
}

/** A real moto_server on a free port with the demo account's starting story. */
export async function startSeededMoto(): Promise<{
  moto: MotoServer;
  resources: ResourceNames;
}> {
  useEmulatorCredentials();
  const [moto, resources] = await Promise.all([
    startMoto(),
    loadResourceNames(APP_CONFIG),
  ]);
  await reseed(moto, resources);
  return { moto, resources };
}

export async function reseed(moto: MotoServer, resources: ResourceNames) {
  await seedDemoAccount({
    endpoint: moto.endpoint,
    region: REGION,
    accountId: ACCOUNT_ID,
    resources,
    now: SEED_NOW,
  });
}

const NO_APPROVALS = { checks: [], overriddenBlockers: false };

/** The plugin's configuration pointing at the emulator (and Redis, when given). */
export function pluginConfig(options: {
  endpoint: string;
  redisUrl?: string;
  resources?: ResourceNames;
  /** The change routes' deadline (prodHardening.remediation.deadlineMs). */
  deadlineMs?: number;
  /** Per-request AWS timeout, e.g. longer than a paused emulator in a deadline test. */
  requestTimeoutMs?: number;
  /** Backstage's own `backend` block, e.g. `{ database: ... }` for PostgreSQL. */
  backend?: JsonObject;
  /** Backstage's `permission` block, e.g. `{ enabled: true }` for a real policy. */
  permission?: JsonObject;
  /**
   * prodHardening.approvals; default none needed, so the protocol's own tests run a
   * plan directly (`{}` gives the production defaults: see approvals.test.ts).
   */
  approvals?: JsonObject;
  /** prodHardening.aws.pricingEndpoint: the recorded Price List (testUtils/priceListServer). */
  pricingEndpoint?: string;
}) {
  return mockServices.rootConfig.factory({
    data: {
      ...(options.backend ? { backend: options.backend } : {}),
      ...(options.permission ? { permission: options.permission } : {}),
      prodHardening: {
        aws: {
          accountId: ACCOUNT_ID,
          region: REGION,
          endpoint: options.endpoint,
          maxAttempts: 1,
          ...(options.pricingEndpoint
            ? { pricingEndpoint: options.pricingEndpoint }
            : {}),
          ...(options.requestTimeoutMs
            ? { requestTimeoutMs: options.requestTimeoutMs }
            : {}),
        },
        ...(options.deadlineMs
          ? { remediation: { deadlineMs: options.deadlineMs } }
          : {}),
        approvals: options.approvals ?? NO_APPROVALS,
        redis: {
          url: options.redisUrl ?? UNREACHABLE,
          connectTimeoutMs: 500,
          commandTimeoutMs: 500,
        },
        ...(options.resources ? { resources: options.resources as any } : {}),
      },
    },
  });
}

/** The validated configuration for services built directly on the emulator (no Redis). */
export function emulatorConfig(
  endpoint: string,
  resources: ResourceNames,
): ProdHardeningConfig {
  return readProdHardeningConfig(
    new ConfigReader({
      prodHardening: {
        aws: {
          accountId: ACCOUNT_ID,
          region: REGION,
          endpoint,
          maxAttempts: 1,
        },
        redis: { url: UNREACHABLE },
        resources: resources as any,
      },
    }),
  );
}
