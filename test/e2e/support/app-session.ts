import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import type { Browser } from './chromium';
import { startWebServer } from './web-server';
import type { RunningWebServer } from './web-server';

/** The web server of one test file on its own database, and the browser the test opens on it. */
export interface AppSession {
  /** Launches a fresh Chromium (closing the one opened before) and loads the app in it. */
  openBrowser: (viewport?: { width: number; height: number }) => Promise<Browser>;
  /** Closes the browser opened last, so the next one starts with nothing in memory. */
  closeBrowser: () => Promise<void>;
  /** Stops the server and starts a new one on the same database, as a restart of the app does. */
  restartServer: () => Promise<void>;
  /** Kills the server (SIGKILL, as a crash does) and starts a new one on the same database. */
  crashServer: () => Promise<void>;
}

/**
 * Starts the web server on a new database in a temporary folder before the file's tests, and
 * closes the browser, stops the server and removes the folder after them.
 */
export function appSessionOnNewDatabase(folderPrefix: string): AppSession {
  let dir = '';
  let server: RunningWebServer | null = null;
  let browser: Browser | null = null;
  const dbPath = (): string => join(dir, 'app.db');
  const running = (): RunningWebServer => {
    if (!server) throw new Error('server did not start');
    return server;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), folderPrefix));
    server = await startWebServer(dbPath());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const closeBrowser = async (): Promise<void> => {
    await browser?.close();
    browser = null;
  };

  return {
    openBrowser: async (viewport) => {
      const url = running().url;
      await closeBrowser();
      browser = await launchChromium();
      if (viewport) await browser.page.setViewportSize(viewport);
      await browser.page.goto(url);
      return browser;
    },
    closeBrowser,
    restartServer: async () => {
      await running().stop();
      server = null;
      server = await startWebServer(dbPath());
    },
    crashServer: async () => {
      await running().kill();
      server = null;
      server = await startWebServer(dbPath());
    }
  };
}
