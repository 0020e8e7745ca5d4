import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

/** Written by the global setup; read by tests in the worker processes. */
export interface PortalState {
  baseUrl: string;
  motoEndpoint: string;
  redisPort: number;
  redisPid: number;
  /** Processes started by tests (e.g. a restarted Redis) for the teardown to stop. */
  extraPidsFile: string;
}

export const STATE_FILE = resolve(
  __dirname,
  '..',
  'output',
  'portal-state.json',
);

export function portalState(): PortalState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as PortalState;
}

/** Opens a portal path, signing in as the local guest when asked to. */
export async function openPortal(page: Page, path: string) {
  await page.goto(`${portalState().baseUrl}${path}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const signedIn = page.getByRole('heading', { name: 'Production hardening' });
  await enter.or(signedIn).first().waitFor();
  if (await enter.isVisible()) await enter.click();
  await signedIn.waitFor();
}
