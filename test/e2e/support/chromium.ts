import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium binary (its /usr/bin wrapper prints a harmless shell error); CHROMIUM_PATH overrides it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export const RESULTS_DIR = resolve(__dirname, '../../../test-results');

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Every console error and failed request the page produced (a CSP violation shows up here). */
  problems: string[];
  close: () => Promise<void>;
}

/** Launches headless Chromium with a fresh profile and one page at a desktop-sized viewport. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'sbnn-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    // A refused call answers 4xx with its error envelope, which the app shows; Chromium also logs it.
    const answered = /^Failed to load resource: the server responded with a status of 4\d\d/.test(
      message.text()
    );
    if (message.type() === 'error' && !answered) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // An event stream cut by a server restart is expected; anything else is not.
    if (!request.url().includes('/api/events')) problems.push(`request failed: ${request.url()}`);
  });
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
