import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/chromium';
import type { Browser } from './support/chromium';
import {
  BBB_RUN_ID,
  RANK2_RUN_ID,
  RANK8_RUN_ID,
  installFakeBridge,
  makeFixture
} from './support/fake-bridge';
import { LSTM_RUN_ID, TEXT_RUN_ID } from './support/fake-sequence-runs';
import { startWebServer } from './support/web-server';
import type { RunningWebServer } from './support/web-server';

async function openRun(page: Page, runId: number): Promise<void> {
  await page.getByTestId('nav-runs').click();
  await page.getByTestId(`open-run-${runId}`).click();
}

/** Whether a canvas has any pixel that is not blank (drawn at all). */
async function canvasDrawn(page: Page, testid: string): Promise<boolean> {
  return page.getByTestId(testid).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return true;
    return false;
  });
}

/** No element of the view is wider than the window: nothing overflows at a 1400 px desktop. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const content = document.querySelector('.content') as HTMLElement;
    return content.scrollWidth - content.clientWidth;
  });
}

// The methods, Compare view, rank sweep, Theory panel and conformal intervals over fixed data
// (a fake `window.sbnn`), at the narrowest desktop width the app is laid out for.
describe('methods, comparison and theory with a fake desktop bridge', () => {
  let dir = '';
  let server: RunningWebServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbnn-e2e-compare-'));
    server = await startWebServer(join(dir, 'app.db'));
    browser = await launchChromium();
    await browser.page.setViewportSize({ width: 1400, height: 900 });
    await browser.page.addInitScript(installFakeBridge, makeFixture());
    await browser.page.goto(server.url);
    await browser.page.getByTestId('open-dataset-1').click();
    await browser.page.getByTestId('preview-table').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Model: the method select explains each method, disables the ranks and counts its parameters', async () => {
    const { page } = browser;
    await page.getByTestId('nav-model').click();
    await page.getByTestId('hidden-layers').fill('32');
    await page.getByTestId('rank-all').fill('4');
    // 7 inputs -> 32 -> 1 at rank 4 (see the views test): low rank 642, full rank 578, 5 x 289 = 1445.
    expect(await page.getByTestId('params-method').textContent()).toBe('642');
    expect(await page.getByTestId('rank-note').count()).toBe(0);

    await page.getByTestId('method-select').selectOption('ensemble');
    expect(await page.getByTestId('method-help').textContent()).toContain('disagreement');
    expect(await page.getByTestId('rank-all').isDisabled()).toBe(true);
    expect(await page.getByTestId('rank-note').textContent()).toContain('rank fields are ignored');
    await page.getByTestId('members').fill('3');
    // Three deterministic networks of 7*32 + 32 + 32 + 1 = 289 parameters each.
    expect(await page.getByTestId('params-method').textContent()).toBe('867');
    expect(await page.getByTestId('pretrain-epochs').count()).toBe(0);
    expect(await page.getByTestId('suggest-ranks').isDisabled()).toBe(true);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'compare-model-ensemble');

    await page.getByTestId('method-select').selectOption('bbb');
    expect(await page.getByTestId('params-method').textContent()).toBe('578');
    expect(await page.getByTestId('members').count()).toBe(0);

    // Rank-1: W0 and bias as a deterministic network (289) plus mu and rho of s and r per layer,
    // 2 (7 + 32) + 2 (32 + 1) = 144: 433.
    await page.getByTestId('method-select').selectOption('rank1');
    expect(await page.getByTestId('params-method').textContent()).toBe('433');

    await page.getByTestId('method-select').selectOption('lr-svd');
    expect(await page.getByTestId('rank-all').isDisabled()).toBe(false);
    expect(await page.getByTestId('pretrain-epochs').inputValue()).toBe('20');
    await page.getByTestId('conformal-level').fill('80');
  });

  it('Model: the rank advisor shows its progress, the spectrum and applies its ranks', async () => {
    const { page } = browser;
    await page.getByTestId('suggest-ranks').click();
    await page.getByTestId('advice-busy').waitFor();
    // Stop waiting: the late answer is ignored.
    await page.getByTestId('advice-cancel').click();
    expect(await page.getByTestId('advice-busy').count()).toBe(0);
    await page.waitForTimeout(1800);
    expect(await page.getByTestId('advice-table').count()).toBe(0);

    await page.getByTestId('suggest-ranks').click();
    await page.getByTestId('advice-table').waitFor({ timeout: 5000 });
    // Singular values 4 x 0.62^k over min(7, 32) = 7 values: energy 0.616, 0.853, 0.944 at r = 1..3,
    // so 90% needs r = 3; the 32 x 1 output has one singular value: r = 1.
    expect(await page.getByTestId('advice-rank').allTextContents()).toEqual(['3', '1']);
    await page.getByTestId('chart-advice-energy').locator('canvas').waitFor();
    await screenshot(page, 'compare-rank-advice');
    await page.getByTestId('apply-ranks').click();
    expect(await page.getByTestId('same-rank').isChecked()).toBe(false);
    expect(await page.getByTestId('rank-0').inputValue()).toBe('3');
    expect(await page.getByTestId('rank-1').inputValue()).toBe('1');
    // Low rank with r = 3, 1: 2*3*(7+32) + 64 + 2*1*(32+1) + 2 = 366.
    expect(await page.getByTestId('params-low-rank').textContent()).toBe('366');
    await page.getByTestId('same-rank').check();
  });

  it('Compare: runs ticked in the Runs view stand side by side with the best values marked', async () => {
    const { page } = browser;
    await page.getByTestId('nav-runs').click();
    expect(await page.getByTestId('compare-selected').isDisabled()).toBe(true);
    await page.getByTestId('select-run-1').check();
    // Another dataset cannot join; a running or unfinished run neither.
    expect(await page.getByTestId(`select-run-${LSTM_RUN_ID}`).isDisabled()).toBe(true);
    await page.getByTestId(`select-run-${BBB_RUN_ID}`).check();
    await page.getByTestId('compare-selected').click();
    await page.getByTestId('compare-table').waitFor();
    expect(await page.getByTestId('compare-run-1').textContent()).toContain('Low-rank Bayesian');
    expect(await page.getByTestId(`compare-run-${BBB_RUN_ID}`).textContent()).toContain('Bayes by Backprop');
    const row = (metric: string) => page.locator(`[data-testid="compare-row"][data-metric="${metric}"]`);
    // Accuracy 71.2% vs 72.6%: the baseline's is marked; OOD AUROC 0.81 vs 0.77: the low-rank one.
    expect(await row('Test: Accuracy').locator('[data-testid="compare-best"]').textContent()).toContain(
      '72.6%'
    );
    expect(await row('OOD: FPR at 95% TPR').locator('[data-testid="compare-best"]').textContent()).toContain(
      '52.0%'
    );
    // Conformal coverage 91.5% vs 87.0% at 90%: 1.5 points off beats 3.
    expect(await row('Conformal: Coverage').locator('[data-testid="compare-best"]').textContent()).toContain(
      '91.5%'
    );
    expect(await row('PAC-Bayes: Bound').locator('[data-testid="compare-best"]').textContent()).toContain(
      '0.495'
    );
    expect(await row('Cost: Peak memory').textContent()).toContain('312 MB');
    for (const chart of ['roc', 'pr', 'reliability', 'risk']) {
      await page.getByTestId(`chart-compare-${chart}`).locator('canvas').waitFor();
    }
    expect(await page.getByTestId('chart-compare-coverage').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'compare-view');
    await page.getByTestId('chart-compare-risk').scrollIntoViewIfNeeded();
    await screenshot(page, 'compare-charts');
  });

  it('Compare: runs differing only in rank are plotted against r', async () => {
    const { page } = browser;
    expect(await page.getByTestId('chart-sweep').count()).toBe(0);
    await page.getByTestId(`compare-pick-${RANK2_RUN_ID}`).check();
    await page.getByTestId(`compare-pick-${RANK8_RUN_ID}`).check();
    await page.getByTestId('chart-sweep').locator('canvas').waitFor();
    expect(await page.getByTestId('sweep-chart-panel').textContent()).toContain(
      'Breast cancer: Rotterdam · mlp · sbnn'
    );
    await page.getByTestId('compare-clear').click();
    await page.getByTestId('compare-empty').waitFor();
  });

  it('Compare: a rank sweep from the Model view settings trains, reports progress and is plotted', async () => {
    const { page } = browser;
    await page.getByTestId('sweep-ranks').fill('2, x');
    expect(await page.getByTestId('sweep-blocked').textContent()).toBe('"x" is not a whole number.');
    expect(await page.getByTestId('sweep-start').isDisabled()).toBe(true);
    await page.getByTestId('sweep-ranks').fill('8 2 4');
    await page.getByTestId('sweep-start').click();
    await page.getByTestId('sweep-progress').waitFor();
    expect(await page.getByTestId('sweep-progress').locator('li').count()).toBe(3);
    await page
      .getByTestId('sweep-status')
      .filter({ hasText: '3 of 3 runs ended' })
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('chart-sweep').locator('canvas').waitFor();
    expect(await page.getByTestId('compare-table').locator('th[data-testid^="compare-run-"]').count()).toBe(
      3
    );
    const sent = await page.evaluate(
      () =>
        (window as unknown as { sbnnFakeSweeps: { ranks: number[]; config: Record<string, unknown> }[] })
          .sbnnFakeSweeps
    );
    expect(sent[0]?.ranks).toEqual([2, 4, 8]);
    expect(sent[0]?.config).toMatchObject({
      datasetId: 1,
      method: 'lr-svd',
      pretrainEpochs: 20,
      conformalLevel: 0.8
    });
    await page.getByTestId('chart-sweep').scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'compare-sweep');
  });

  it('Results: the Theory panel states the PAC-Bayes bound, the spectrum and a correlation heatmap', async () => {
    const { page } = browser;
    await openRun(page, 1);
    await page.getByTestId('theory-panel').waitFor();
    expect(await page.getByTestId('conformal-coverage').textContent()).toContain('91.5%');
    expect(await page.getByTestId('cost-ms-step').textContent()).toBe('4.2 ms');
    expect(await page.getByTestId('pac-bound').textContent()).toBe('0.4952');
    expect(await page.getByTestId('pac-kl').textContent()).toBe('148.2 nats');
    // 7 singular values 3 x 0.55^i: rank 4 keeps 1 - 0.3025^4 / (1 - 0.3025^7) = 99.2% of the energy.
    expect(await page.getByTestId('spectrum-facts').textContent()).toContain('99.2%');
    await page.getByTestId('chart-singular-values').locator('canvas').waitFor();
    const heatmap = page.getByTestId('correlation-heatmap');
    await heatmap.waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="heatmap-readout"]')?.textContent !== ''
    );
    expect(await canvasDrawn(page, 'correlation-heatmap')).toBe(true);
    // Cursor on (W[0,0], W[0,1]), a shared row: cos(1.3 x 1 + 0) x 0.8 = 0.214.
    expect(await page.getByTestId('heatmap-readout').textContent()).toBe('corr(W[0,0], W[0,1]) = 0.214');
    await heatmap.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // (W[1,0], W[0,1]) share neither a row nor a column: uncorrelated.
    expect(await page.getByTestId('heatmap-readout').textContent()).toBe('corr(W[1,0], W[0,1]) = 0');
    await page.getByTestId('corr-row').fill('2');
    await page.getByTestId('correlation-show').click();
    await page.getByTestId('heatmap-readout').filter({ hasText: 'W[2,' }).waitFor();
    await page.getByTestId('theory-panel').scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'compare-theory');

    await openRun(page, BBB_RUN_ID);
    await page.getByTestId('correlation-none').waitFor();
    expect(await page.getByTestId('correlation-heatmap').count()).toBe(0);
  });

  it('Records: the Intervals toggle switches to conformal sets, conformal intervals, or is disabled', async () => {
    const { page } = browser;
    await openRun(page, 1);
    await page.getByTestId('nav-records').click();
    await page.getByTestId('record-row').first().waitFor();
    expect(await page.getByTestId('interval-head').textContent()).toBe('Interval (95%)');
    await page.getByTestId('intervals-conformal').check();
    expect(await page.getByTestId('interval-head').textContent()).toBe('Conformal set (90%)');
    expect(await page.getByTestId('conformal-set').count()).toBe(50);
    // The set holds every class of probability >= 0.4: the first record's matches its probability.
    const first = page.getByTestId('record-row').first();
    const probability = Number(await first.locator('td.num').nth(1).textContent());
    const expected = [...(1 - probability >= 0.4 ? ['no'] : []), ...(probability >= 0.4 ? ['yes'] : [])];
    expect(await first.getByTestId('conformal-set').locator('.chip').allTextContents()).toEqual(expected);
    expect(await page.getByTestId('detail-conformal-set').count()).toBe(1);
    await screenshot(page, 'compare-records-conformal');

    await openRun(page, LSTM_RUN_ID);
    await page.getByTestId('nav-records').click();
    await page.getByTestId('record-row').first().waitFor();
    expect(await page.getByTestId('interval-head').textContent()).toBe('Conformal interval (90%)');
    const bar = page.getByTestId('record-row').first().locator('svg line.cap').first();
    const conformalX = Number(await bar.getAttribute('x1'));
    await page.getByTestId('intervals-bayesian').check();
    expect(await page.getByTestId('interval-head').textContent()).toBe('Interval (95%)');
    // 1.96 total std against 1.52: the Bayesian interval starts further left.
    expect(Number(await bar.getAttribute('x1'))).toBeLessThan(conformalX);

    await openRun(page, TEXT_RUN_ID);
    await page.getByTestId('nav-records').click();
    await page.getByTestId('record-row').first().waitFor();
    expect(await page.getByTestId('intervals-conformal').isDisabled()).toBe(true);
    expect(await page.getByTestId('interval-mode').getAttribute('title')).toBe(
      'This run has no conformal calibration'
    );
    expect(browser.problems).toEqual([]);
  });
});
