// Playwright for the built site: every tests/e2e/*.spec.* file runs, against the site scripts/test.sh serves
// on loopback (E2E_BASE_URL). Run alone: `make e2e` (builds, serves, runs, stops the server).
import { defineConfig } from '@playwright/test';
import { baseURL, launchOptions } from './tools/chromium.mjs';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.*',
  testIgnore: ['node_modules/**', 'tools/**', 'measures/**'],
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: two workers keep the machine responsive and the run short.
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    // The page follows the browser's preferred language: the specs read English unless they ask otherwise.
    locale: 'en-US',
    launchOptions,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
