import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import type { Browser } from './support/chromium';
import { startWebServer } from './support/web-server';
import type { RunningWebServer } from './support/web-server';
import { chooseOodDataset, importSample, openDataset, waitForRunEnd } from './support/app-page';

const TRAIN_TIMEOUT_MS = 180_000;

describe('tabular workflow: Rotterdam with GBSG as the OOD cohort', () => {
  let dir = '';
  let dbPath = '';
  let server: RunningWebServer | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbnn-e2e-flow-'));
    dbPath = join(dir, 'app.db');
    server = await startWebServer(dbPath);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trains, flags OOD records, and keeps the run across a server restart', async () => {
    if (!server) throw new Error('server did not start');
    browser = await launchChromium();
    const { page } = browser;
    await page.goto(server.url);

    await importSample(page, 'rotterdam', /Rotterdam/);
    await importSample(page, 'gbsg', /German/);
    await openDataset(page, /Rotterdam/);
    await chooseOodDataset(page, /German/);

    await page.getByTestId('to-model').click();
    await page.getByTestId('hidden-layers').fill('32');
    await page.getByTestId('rank-all').fill('4');
    await page.getByTestId('epochs').fill('15');
    await page.getByTestId('mc-samples').fill('30');
    await page.getByTestId('run-name').fill('e2e rotterdam rank 4');
    expect(await page.getByTestId('model-summary').textContent()).toMatch(/OOD dataset/);
    await page.getByTestId('train-button').click();

    const end = await waitForRunEnd(page, TRAIN_TIMEOUT_MS);
    await screenshot(page, 'e2e-flow-training');
    expect(end, `training ended with ${end.status}: ${end.error}`).toEqual({ status: 'finished', error: '' });

    await page.getByTestId('to-results').click();
    await page.getByTestId('ood-metrics').waitFor();
    await page.getByTestId('chart-reliability').waitFor();
    const summary = page.getByTestId('flag-summary');
    await summary.waitFor();
    // Every test and OOD record reached the charts: the counts are the run's own.
    const counts = /(\d+) of (\d+) test records · (\d+) of (\d+) OOD records/.exec(
      (await summary.textContent()) ?? ''
    );
    expect(Number(counts?.[2])).toBeGreaterThan(0);
    expect(Number(counts?.[4])).toBe(555);
    await screenshot(page, 'e2e-flow-results');

    await page.getByTestId('nav-records').click();
    await page.getByTestId('record-row').first().waitFor();
    await page.getByTestId('records-split').selectOption('ood');
    await page.getByTestId('records-flagged').check();
    await page.getByTestId('ood-badge').first().waitFor();
    const flagged = await page.getByTestId('record-row').count();
    expect(flagged).toBeGreaterThan(0);
    expect(await page.getByTestId('ood-badge').count()).toBe(flagged);

    // Keyboard: the arrow key moves the selection and the detail panel follows it.
    await page.getByTestId('records-table').focus();
    const before = await page.getByTestId('record-detail').locator('h2').textContent();
    await page.keyboard.press('ArrowDown');
    if (flagged > 1)
      expect(await page.getByTestId('record-detail').locator('h2').textContent()).not.toBe(before);
    await screenshot(page, 'e2e-flow-records');
    expect(browser.problems).toEqual([]);
    await browser.close();
    browser = null;

    // Everything is in the database: a new server on the same file lists the run and its records.
    await server.stop();
    server = await startWebServer(dbPath);
    browser = await launchChromium();
    const reopened = browser.page;
    await reopened.goto(server.url);
    await reopened.getByTestId('nav-runs').click();
    const row = reopened.getByTestId('run-row').filter({ hasText: 'e2e rotterdam rank 4' });
    await row.waitFor();
    expect(await row.textContent()).toContain('finished');
    await row.getByRole('button', { name: /e2e rotterdam rank 4/ }).click();
    await reopened.getByTestId('test-metrics').waitFor();
    await reopened.getByTestId('nav-records').click();
    await reopened.getByTestId('record-row').first().waitFor();
    const count = (await reopened.getByTestId('records-count').textContent()) ?? '';
    expect(Number(/of (\d+)/.exec(count)?.[1] ?? 0)).toBeGreaterThan(0);
    await screenshot(reopened, 'e2e-flow-reopened');
  });
});
