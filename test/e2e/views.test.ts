import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/chromium';
import type { Browser } from './support/chromium';
import { installFakeBridge, makeFixture } from './support/fake-bridge';
import { startWebServer } from './support/web-server';
import type { RunningWebServer } from './support/web-server';
import { waitForRunEnd } from './support/app-page';

// Every view over fixed data through the desktop transport (a fake `window.sbnn`): the pages
// are served by the real web server, but no call reaches it.
describe('views with a fake desktop bridge', () => {
  let dir = '';
  let server: RunningWebServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbnn-e2e-views-'));
    server = await startWebServer(join(dir, 'app.db'));
    browser = await launchChromium();
    await browser.page.addInitScript(installFakeBridge, makeFixture());
    await browser.page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Data: shows samples, datasets, preview with roles, and a BAD_DATA error with its location', async () => {
    const { page } = browser;
    await page.getByTestId('status-backend').filter({ hasText: 'WebAssembly' }).waitFor();
    expect(await page.getByTestId('status-db').textContent()).toContain('/fake/sbnn.db');
    await page.getByTestId('open-dataset-1').click();
    await page.getByTestId('preview-table').waitFor();
    expect(await page.getByTestId('target-select').inputValue()).toBe('event_3y');
    // The sample suggests ignoring pid, but as an id column it is kept to identify records.
    expect(await page.getByTestId('role-pid').inputValue()).toBe('id');

    const file = join(dir, 'broken.csv');
    writeFileSync(file, 'a,b\n1\n');
    await page.getByTestId('import-file').setInputFiles(file);
    const error = page.getByTestId('import-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('row 3, column age');

    await page.getByTestId('delete-dataset-2').click();
    await page.getByTestId('delete-dataset-2-no').click();
    expect(await page.getByTestId('dataset-row').count()).toBe(2);
    await page.getByTestId('ood-column').selectOption('size');
    await page.getByTestId('ood-value').fill('>50');
    await page.getByTestId('ood-add').click();
    const chip = page.getByRole('button', { name: 'Remove condition size = >50' });
    await chip.waitFor();
    await chip.click();
    expect(await chip.count()).toBe(0);
    await page.getByTestId('ood-dataset-select').selectOption('2');
    await screenshot(page, 'views-data');
  });

  it('Model: live parameter counts follow the layers and ranks', async () => {
    const { page } = browser;
    await page.getByTestId('nav-model').click();
    await page.getByTestId('hidden-layers').fill('32');
    await page.getByTestId('rank-all').fill('4');
    // Inputs: age, meno, grade, nodes (numeric) + size (3 one-hot) = 7; one output; 32 hidden units.
    // Low rank 2*4*(7+32) + 2*32 + 2*4*(32+1) + 2*1 = 642; full-rank BBB 2*7*32 + 64 + 2*32 + 2 = 578;
    // ensemble 5 * (7*32 + 32 + 32 + 1) = 1445.
    expect(await page.getByTestId('params-low-rank').textContent()).toBe('642');
    expect(await page.getByTestId('params-full-rank').textContent()).toBe('578');
    expect(await page.getByTestId('params-ensemble').textContent()).toBe('1,445');
    await page.getByTestId('hidden-layers').fill('12x');
    expect(await page.getByTestId('train-button').isDisabled()).toBe(true);
    await page.getByTestId('hidden-layers').fill('32');
    await page.getByTestId('epochs').fill('8');
    await page.getByTestId('run-name').fill('fake run');
    await screenshot(page, 'views-model');
  });

  it('Training: live progress, charts and the final status', async () => {
    const { page } = browser;
    await page.getByTestId('train-button').click();
    await page.getByTestId('progress-bar').waitFor();
    await page.getByTestId('cancel-run').waitFor();
    const end = await waitForRunEnd(page, 20_000);
    expect(end.status).toBe('finished');
    await page.getByTestId('chart-loss').locator('canvas').waitFor();
    await screenshot(page, 'views-training');
  });

  it('Training: a failed run shows its error; Cancel works from the keyboard', async () => {
    const { page } = browser;
    await page.getByTestId('nav-model').click();
    await page.getByTestId('run-name').fill('will diverge');
    await page.getByTestId('train-button').click();
    expect(await waitForRunEnd(page, 20_000)).toEqual({
      status: 'failed',
      error: 'The loss became NaN at epoch 3. Lower the learning rate and train again.'
    });

    await page.getByTestId('nav-model').click();
    await page.getByTestId('run-name').fill('to cancel');
    await page.getByTestId('epochs').fill('500');
    await page.getByTestId('train-button').click();
    await page.getByTestId('cancel-run').focus();
    await page.keyboard.press('Enter');
    expect((await waitForRunEnd(page, 20_000)).status).toBe('cancelled');

    await page.getByTestId('nav-runs').click();
    await page.getByTestId('open-run-2').click();
  });

  it('Results: metrics, reliability diagram and OOD score histograms', async () => {
    const { page } = browser;
    await page.getByTestId('nav-results').click();
    expect(await page.getByTestId('ood-metrics').textContent()).toContain('0.81');
    await page.getByTestId('chart-reliability').waitFor();
    expect(await page.getByTestId('flag-summary').textContent()).toMatch(/of 130 test records/);
    await screenshot(page, 'views-results');
  });

  it('Records: sort, filter, paginate and move the selection with the keyboard', async () => {
    const { page } = browser;
    await page.getByTestId('nav-records').click();
    await page.getByTestId('record-row').first().waitFor();
    expect(await page.getByTestId('records-count').textContent()).toContain('1–50 of 180');
    await page.getByTestId('records-table').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('record-row').nth(2).getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('page-next').click();
    await page.getByTestId('records-count').filter({ hasText: '51–100' }).waitFor();
    await page.getByTestId('records-split').selectOption('ood');
    await page.getByTestId('records-flagged').check();
    await page.getByTestId('records-count').filter({ hasText: '1–' }).waitFor();
    const rows = await page.getByTestId('record-row').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.getByTestId('ood-badge').count()).toBe(rows);
    await page.getByTestId('records-sort').selectOption('oodScore');
    await screenshot(page, 'views-records');
  });

  it('Runs: lists runs and deletes one after confirmation', async () => {
    const { page } = browser;
    await page.getByTestId('nav-runs').click();
    expect(await page.getByTestId('run-row').count()).toBe(4);
    await screenshot(page, 'views-runs');
    await page.getByTestId('delete-run-1').click();
    await page.getByTestId('delete-run-1-yes').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 3);
    expect(browser.problems).toEqual([]);
  });
});
