import { describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { appSessionOnNewDatabase } from './support/app-session';
import { chooseOodDataset, importSample, openDataset, waitForRunEnd } from './support/app-page';

const TRAIN_TIMEOUT_MS = 180_000;

describe('tabular workflow: Rotterdam with GBSG as the OOD cohort', () => {
  const session = appSessionOnNewDatabase('sbnn-e2e-flow-');

  it('trains, flags OOD records, and keeps the run across a server restart', async () => {
    const { page, problems } = await session.openBrowser();

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
    // The list reloads under the filter: wait until it holds the run's flagged OOD records only.
    await page
      .getByTestId('records-count')
      .filter({ hasText: new RegExp(` of ${counts?.[3]}$`) })
      .waitFor();
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
    expect(problems).toEqual([]);
    await session.closeBrowser();

    // Everything is in the database: a new server on the same file lists the run and its records.
    await session.restartServer();
    const reopened = (await session.openBrowser()).page;
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
