import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import type { Browser } from './support/chromium';
import { startWebServer } from './support/web-server';
import type { RunningWebServer } from './support/web-server';
import { importSample } from './support/app-page';

interface AppInfo {
  ok: boolean;
  result?: { backend: { label: string } | null; dbPath: string };
}

describe('web mode: page, status bar and a first call', () => {
  let dir = '';
  let server: RunningWebServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbnn-e2e-smoke-'));
    server = await startWebServer(join(dir, 'app.db'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads, shows backend and database, and imports the Rotterdam sample', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    // The token leaves the address bar at once.
    expect(page.url()).not.toContain('token=');

    // The label the main side reports (once the compute process is up) is the one the status bar shows.
    let label = '';
    for (let i = 0; i < 120 && !label; i++) {
      const response = await fetch(`${server.origin}/api/invoke/app:info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: '{}'
      });
      const info = (await response.json()) as AppInfo;
      label = info.result?.backend?.label ?? '';
      if (!label) await new Promise((r) => setTimeout(r, 500));
    }
    expect(label, 'the compute process reported no backend within 60 s').not.toBe('');
    await page.getByTestId('status-backend').filter({ hasText: label }).waitFor({ timeout: 45_000 });
    expect(await page.getByTestId('status-db').textContent()).toContain(join(dir, 'app.db'));

    // A broken file: the BAD_DATA envelope crosses HTTP and is shown next to the import with its location.
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'a,b\n1,2,3\n4,5\n');
    await page.getByTestId('import-file').setInputFiles(ragged);
    const importError = page.getByTestId('import-error');
    await importError.waitFor();
    const shown = (await importError.textContent()) ?? '';
    expect(shown).toContain('BAD_DATA');
    expect(shown).toContain('file ragged.csv, row 2');

    await importSample(page, 'rotterdam', /Rotterdam/);
    expect(await page.getByTestId('import-error').count()).toBe(0);
    await page.getByTestId('preview-table').waitFor();
    expect(await page.getByTestId('target-select').inputValue()).toBe('event_3y');
    expect(await page.getByTestId('dataset-row').count()).toBe(1);

    await screenshot(page, 'e2e-smoke-data');
    expect(browser.problems).toEqual([]);
  });
});
