import { describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { appSessionOnNewDatabase } from './support/app-session';
import { importSample, openDataset, waitForRunEnd } from './support/app-page';

const TRAIN_TIMEOUT_MS = 180_000;
const EPOCHS = 40;

describe('resume: a run cut off by a crash goes on from its checkpoint', () => {
  const session = appSessionOnNewDatabase('sbnn-e2e-resume-');

  it('shows the killed run as interrupted with where it resumes, and Resume finishes it', async () => {
    const first = await session.openBrowser({ width: 1400, height: 900 });
    await importSample(first.page, 'rotterdam', /Rotterdam/);
    await openDataset(first.page, /Rotterdam/);
    await first.page.getByTestId('to-model').click();
    await first.page.getByTestId('hidden-layers').fill('16');
    await first.page.getByTestId('rank-all').fill('4');
    await first.page.getByTestId('epochs').fill(String(EPOCHS));
    await first.page.getByTestId('patience').fill(String(EPOCHS));
    await first.page.getByTestId('mc-samples').fill('10');
    await first.page.getByTestId('train-button').click();
    // Three epochs in (the first checkpoint is saved after epoch 1), the server dies.
    await first.page.waitForFunction(
      () => /Epoch\s+([3-9]|\d\d)\s*\//.test(document.querySelector('.progress-panel')?.textContent ?? ''),
      undefined,
      { timeout: TRAIN_TIMEOUT_MS, polling: 100 }
    );
    await session.crashServer();

    const { page, problems } = await session.openBrowser({ width: 1400, height: 900 });
    await page.getByTestId('nav-runs').click();
    const row = page.locator('tr', { has: page.getByTestId('resume-run-1') });
    expect(await row.locator('.badge').textContent()).toBe('interrupted');
    await screenshot(page, 'resume-runs');
    await page.getByTestId('open-run-1').click();
    expect(await page.getByTestId('run-status').textContent()).toBe('interrupted');
    // The bar shows how far it got: epoch 3 was running, so at least 2 of the 40 epochs are recorded.
    const shown = Number(await page.getByTestId('progress-bar').getAttribute('aria-valuenow'));
    expect(shown).toBeGreaterThanOrEqual(Math.round((2 / EPOCHS) * 100));
    expect(await page.getByTestId('run-error').textContent()).toMatch(/stopped while this run was training/);
    expect(await page.getByTestId('resume-from').textContent()).toMatch(
      /^Saved after epoch \d+: resuming goes on from there\.$/
    );
    await screenshot(page, 'resume-interrupted');

    await page.getByTestId('resume-run').click();
    const end = await waitForRunEnd(page, TRAIN_TIMEOUT_MS);
    expect(end, `the resumed run ended with ${end.status}: ${end.error}`).toEqual({
      status: 'finished',
      error: ''
    });
    await page.getByTestId('to-results').waitFor();
    expect(await page.getByTestId('resume-run').count()).toBe(0);
    await screenshot(page, 'resume-finished');
    expect(problems).toEqual([]);
  });
});
