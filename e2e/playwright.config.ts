import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';

/**
 * End-to-end tests in Debian's Chromium against the real portal: the global setup
 * starts moto_server and redis-server on free ports, seeds them, builds the app and
 * starts the Backstage backend serving it. Nothing is downloaded.
 */
export default defineConfig({
  testDir: resolve(__dirname, 'tests'),
  outputDir: resolve(__dirname, 'output'),
  globalSetup: require.resolve('./support/globalSetup'),
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: resolve(__dirname, 'output', 'results.json') }],
  ],
  use: {
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
