import { describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium';
import { appSessionOnNewDatabase } from './support/app-session';
import { importSample, waitForRunEnd } from './support/app-page';

const TRAIN_TIMEOUT_MS = 200_000;

describe('time-series workflow: the weather sample as an LSTM, New York held out', () => {
  const session = appSessionOnNewDatabase('sbnn-e2e-series-');

  it('trains a small LSTM and shows the fan chart of each series', async () => {
    const { page, problems } = await session.openBrowser();

    await importSample(page, 'weather', /weather/i);
    await page.getByTestId('preview-table').waitFor();
    await page.getByTestId('data-arch-select').selectOption('lstm');
    expect(await page.getByTestId('target-select').inputValue()).toBe('temp_max');
    expect(await page.getByTestId('series-time').inputValue()).toBe('date');
    expect(await page.getByTestId('series-group').inputValue()).toBe('location');
    await page.getByTestId('ood-column').selectOption('location');
    await page.getByTestId('ood-value').fill('New York');
    await page.getByTestId('ood-add').click();

    await page.getByTestId('to-model').click();
    await page.getByTestId('lstm-hidden').fill('16');
    await page.getByTestId('lstm-layers').fill('1');
    await page.getByTestId('lstm-rank-ih').fill('4');
    await page.getByTestId('lstm-rank-hh').fill('6');
    await page.getByTestId('epochs').fill('20');
    await page.getByTestId('learning-rate').fill('0.005');
    await page.getByTestId('mc-samples').fill('20');
    await page.getByTestId('run-name').fill('e2e weather lstm');
    await page.getByTestId('train-button').click();

    const end = await waitForRunEnd(page, TRAIN_TIMEOUT_MS);
    await screenshot(page, 'e2e-series-training');
    expect(end, `training ended with ${end.status}: ${end.error}`).toEqual({ status: 'finished', error: '' });

    await page.getByTestId('to-results').click();
    await page.getByTestId('chart-forecast').locator('canvas').waitFor();
    expect(await page.getByTestId('forecast-series').inputValue()).toBe('Seattle');
    const summary = async (): Promise<string> =>
      ((await page.getByTestId('forecast-summary').textContent()) ?? '').replace(/\s+/g, ' ');
    const seattle = /(\d+) of (\d+) windows · 0 OOD/.exec(await summary());
    expect(Number(seattle?.[2])).toBeGreaterThan(50);
    await page.getByTestId('chart-coverage').waitFor();
    await page.getByTestId('forecast-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-series-forecast-seattle');

    await page.getByTestId('forecast-series').selectOption('New York');
    const newYork = /(\d+) of (\d+) windows · (\d+) OOD/.exec(await summary());
    // Every New York window is out-of-distribution.
    expect(newYork?.[3]).toBe(newYork?.[2]);
    await page.getByTestId('forecast-zoom-in').click();
    await page.getByTestId('forecast-zoom-in').click();
    await screenshot(page, 'e2e-series-forecast-new-york');

    await page.getByTestId('nav-records').click();
    await page.getByTestId('record-time').first().waitFor();
    expect(await page.getByTestId('record-time').first().textContent()).toMatch(/^\d{4}-\d\d-\d\d$/);
    await screenshot(page, 'e2e-series-records');
    expect(problems).toEqual([]);
  });
});
