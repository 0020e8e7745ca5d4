import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { HEALTH_SHOWS_WITHIN_MS } from './promises';

/** Written by the global setup; read by tests in the worker processes. */
export interface PortalState {
  baseUrl: string;
  motoEndpoint: string;
  /** The global setup's stack control (see stackControl.ts). */
  controlUrl: string;
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

/**
 * Asks the stack's owner, the global setup, to stop Redis (an outage) or to start an
 * empty one again; resolves once done.
 */
export async function changeStack(action: 'redis/stop' | 'redis/start') {
  const res = await fetch(`${portalState().controlUrl}/${action}`, {
    method: 'POST',
  });
  if (!res.ok) {
    throw new Error(
      `stack ${action} failed: ${res.status} ${await res.text()}`,
    );
  }
}

/** The overall status and one source's state as the anonymous /health reports them. */
export async function healthOf(source: 'aws' | 'redis') {
  const res = await fetch(`${portalState().baseUrl}/api/prod-hardening/health`);
  const report = (await res.json()) as {
    status: string;
    sources: { id: string; state: string }[];
  };
  return {
    status: report.status,
    state: report.sources.find(s => s.id === source)?.state,
  };
}

/**
 * Redis running and the backend seeing it: what a spec that needs Redis waits for,
 * whatever ran before it (a spec may have stopped Redis).
 */
export async function ensureRedisUp() {
  await changeStack('redis/start');
  await expect
    .poll(async () => (await healthOf('redis')).state, {
      timeout: HEALTH_SHOWS_WITHIN_MS,
    })
    .toBe('up');
}

/** Opens a portal path, signing in as the local guest when asked to. */
export async function openPortal(page: Page, path: string) {
  await page.goto(`${portalState().baseUrl}${path}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  // Our page has its heading; every other page (catalog, entity, search) the sidebar.
  const signedIn = path.startsWith('/prod-hardening')
    ? page.getByRole('heading', { name: 'Production hardening' })
    : page.getByRole('link', { name: 'Prod hardening' });
  await enter.or(signedIn).first().waitFor();
  if (await enter.isVisible()) await enter.click();
  // An entity page also has a "Prod hardening" tab link beside the sidebar's.
  await signedIn.first().waitFor();
}
