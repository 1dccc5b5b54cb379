import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/chromium';
import type { Browser } from './support/chromium';
import { installFakeBridge, makeFixture } from './support/fake-bridge';
import { FAKE_REVIEW_OPTIONS, installFakeReviewChannels } from './support/fake-review-bridge';
import type { FakeReviewOptions } from './support/fake-review-bridge';
import { startWebServer } from './support/web-server';
import type { RunningWebServer } from './support/web-server';

const { pdfPath, importedRunId, scoredCount, progressAbove } = FAKE_REVIEW_OPTIONS;
const fixture = makeFixture();

/** A CSV of `rows` fixture-shaped rows; long ones (past progressAbove) report import progress. */
function csvOf(rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => `${i + 1},${50 + (i % 30)},1,20-50,2,${i % 9},no`);
  return ['pid,age,meno,size,grade,nodes,event_3y', ...lines].join('\n') + '\n';
}

/**
 * The accuracy of the test records kept when `percent` % of them, the most uncertain, are
 * referred: ceil((1 - p/100) n) least uncertain records, worked out here from the fixture.
 */
function keptAccuracy(percent: number): { value: string; kept: number } {
  const test = fixture.records.filter((r) => r.split === 'test').sort((a, b) => a.total - b.total);
  const kept = Math.ceil((1 - percent / 100) * test.length);
  const right = test.slice(0, kept).filter((r) => r.correct === true).length;
  return { value: `${((100 * right) / kept).toFixed(1)}%`, kept };
}

async function openFixtureRun(page: Page): Promise<void> {
  await page.getByTestId('nav-runs').click();
  await page.getByTestId('open-run-1').click();
  await page.getByTestId('test-metrics').waitFor();
}

// The review workflow's UI, scoring, reports, model files and import progress over fixed data
// through the desktop transport (a fake `window.sbnn`); the real server only serves the pages.
describe('review, scoring, reports and model files with a fake bridge', () => {
  let dir = '';
  let server: RunningWebServer;
  const browsers: Browser[] = [];

  async function open(mode: FakeReviewOptions['mode']): Promise<Browser> {
    const browser = await launchChromium();
    browsers.push(browser);
    await browser.page.setViewportSize({ width: 1400, height: 900 });
    await browser.page.addInitScript(installFakeBridge, fixture);
    await browser.page.addInitScript(installFakeReviewChannels, { ...FAKE_REVIEW_OPTIONS, mode });
    await browser.page.goto(server.url);
    return browser;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbnn-e2e-review-tools-'));
    server = await startWebServer(join(dir, 'app.db'));
  });

  // One browser per test: the next one starts from a fresh page and fake bridge.
  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Review: the queue, the live retention number, keyboard review with an audit trail, CSV', async () => {
    const browser = await open('desktop');
    const { page } = browser;
    await page.getByTestId('nav-review').click();
    expect(await page.getByTestId('review-no-run').textContent()).toMatch(/Open a finished run/);
    await openFixtureRun(page);
    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-row').first().waitFor();

    // Default refer 10 %: OOD-flagged records and the 18 most uncertain of the 180.
    const flagged = fixture.records.filter((r) => r.oodFlag).length;
    expect(await page.getByTestId('count-ood').textContent()).toBe(String(flagged));
    expect(await page.getByTestId('count-uncertain').textContent()).toBe('18');
    expect(await page.getByTestId('reason-ood').count()).toBeGreaterThan(0);
    const at10 = keptAccuracy(10);
    expect(await page.getByTestId('retention-value').textContent()).toBe(at10.value);
    expect(await page.getByTestId('retention-reading').textContent()).toContain(`${at10.kept} test records`);

    // The slider's number follows at once from the retention curve; the queue follows after.
    await page.getByTestId('refer-slider').fill('30');
    expect(await page.getByTestId('refer-value').textContent()).toBe('30 %');
    expect(await page.getByTestId('retention-value').textContent()).toBe(keptAccuracy(30).value);
    await page.getByTestId('count-uncertain').filter({ hasText: '54' }).waitFor();
    await page.getByTestId('refer-slider').fill('10');
    await page.getByTestId('count-uncertain').filter({ hasText: '18' }).waitFor();

    // Ordered by uncertainty, most uncertain first.
    const first = fixture.records.reduce((a, b) => (b.total > a.total ? b : a));
    expect(await page.getByTestId('review-row').first().textContent()).toContain(String(first.rowIndex));

    // Review the first record with the keyboard: choose, type, Ctrl+Enter.
    await page.getByTestId('review-outcome').selectOption('follow-up');
    await page.getByTestId('review-note').fill('Nodes missing in the referral letter; ask the lab.');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('audit-entry').first().waitFor();
    expect(await page.getByTestId('review-outcome-cell').first().textContent()).toContain('Follow-up');
    // A second note supersedes the first; both stay in the trail.
    await page.getByTestId('review-outcome').selectOption('confirmed');
    await page.getByTestId('review-note').fill('Lab confirmed 4 nodes: prediction stands.');
    await page.getByTestId('review-save').click();
    await page.getByTestId('audit-entry').nth(1).waitFor();
    const trail = await page.getByTestId('audit-trail').textContent();
    expect(trail).toMatch(
      /v2.*current.*Prediction confirmed.*Lab confirmed.*v1.*superseded.*Needs follow-up/s
    );

    // j moves down the queue (outside a field); a draft survives moving away and back.
    await page.getByTestId('review-table').focus();
    await page.keyboard.press('j');
    expect(await page.getByTestId('review-row').nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('audit-trail').textContent()).toContain('No note yet');
    await page.getByTestId('review-note').fill('Half-written thought');
    await page.getByTestId('review-table').focus();
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('review-note').inputValue()).toBe('Half-written thought');
    expect(await page.getByTestId('review-row').nth(1).textContent()).toContain('draft');
    expect(await page.getByTestId('review-save').isDisabled()).toBe(true);

    await page.getByTestId('review-status').selectOption('reviewed');
    await page.getByTestId('review-row').first().waitFor();
    expect(await page.getByTestId('review-row').count()).toBe(1);
    expect(await page.getByTestId('count-reviewed').textContent()).toBe('1');
    await page.getByTestId('review-status').selectOption('pending');
    await page
      .getByTestId('count-reviewed')
      .filter({ hasText: /1 of \d+/ })
      .waitFor();
    await screenshot(page, 'review-tools-review');

    const download = page.waitForEvent('download');
    await page.getByTestId('review-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('fixture-run-review.csv');
    const csv = readFileSync((await file.path()) ?? '', 'utf8');
    expect(csv).toContain('Lab confirmed 4 nodes');
    expect(csv).toContain('Nodes missing in the referral letter');
    await page.getByTestId('review-exported').waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('Scoring: a new file imports with progress, scores with a busy state, and opens in Review', async () => {
    const browser = await open('desktop');
    const { page } = browser;
    await openFixtureRun(page);
    const file = join(dir, 'new-visits.csv');
    writeFileSync(file, csvOf(1200));
    expect(csvOf(1200).length).toBeGreaterThan(progressAbove);
    await page.getByTestId('score-file').setInputFiles(file);
    await page
      .getByTestId('score-import-progress')
      .filter({ hasText: /Reading columns of new-visits.csv: \d+%/ })
      .waitFor();
    await page.getByTestId('score-busy').filter({ hasText: 'Scoring new-visits.csv' }).waitFor();
    expect(await page.getByTestId('score-file').isDisabled()).toBe(true);
    const result = page.getByTestId('score-result');
    await result.waitFor();
    const flagged = fixture.records
      .filter((r) => r.split === 'ood')
      .slice(0, scoredCount)
      .filter((r) => r.oodFlag).length;
    expect(await result.textContent()).toContain(`${scoredCount} records scored`);
    expect(await page.getByTestId('score-flagged').textContent()).toBe(String(flagged));
    expect(await page.getByTestId('score-metrics').textContent()).toContain('67.5%');
    await screenshot(page, 'review-tools-score');

    await page.getByTestId('score-open-review').click();
    await page.getByTestId('review-row').first().waitFor();
    expect(await page.getByTestId('count-ood').textContent()).toBe(
      String(fixture.records.filter((r) => r.oodFlag).length + flagged)
    );

    // A file without the run's columns: the main side's message, next to the action.
    await page.getByTestId('nav-results').click();
    const missing = join(dir, 'missing-nodes.csv');
    writeFileSync(missing, 'pid,age\n1,50\n');
    await page.getByTestId('score-file').setInputFiles(missing);
    await page.getByTestId('score-error').waitFor();
    expect(await page.getByTestId('score-error').textContent()).toContain('has no column nodes');
    // An imported dataset can be scored without a file.
    const option = page.getByTestId('score-dataset').locator('option', { hasText: 'new-visits' });
    await page.getByTestId('score-dataset').selectOption((await option.getAttribute('value')) ?? '');
    await page.getByTestId('score-dataset-button').click();
    await page.getByTestId('score-result').waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('Data: a large file shows its import progress, then opens', async () => {
    const browser = await open('desktop');
    const { page } = browser;
    const file = join(dir, 'large-cohort.csv');
    writeFileSync(file, csvOf(1000));
    await page.getByTestId('import-file').setInputFiles(file);
    const progress = page.getByTestId('import-progress');
    await progress.filter({ hasText: /Reading columns of large-cohort.csv: (0|25|50)%/ }).waitFor();
    expect(await page.getByTestId('import-file').isDisabled()).toBe(true);
    await screenshot(page, 'review-tools-import-progress');
    await page.getByTestId('dataset-row').filter({ hasText: 'large-cohort' }).waitFor();
    await progress.waitFor({ state: 'detached' });
    expect(browser.problems).toEqual([]);
  });

  it('Report and model files in the desktop app: Save as PDF, Save HTML, export and import a model', async () => {
    const browser = await open('desktop');
    const { page } = browser;
    await openFixtureRun(page);
    expect(await page.getByTestId('report-open').count()).toBe(0);
    await page.getByTestId('report-pdf').click();
    expect(await page.getByTestId('report-done').textContent()).toContain(pdfPath);
    const html = page.waitForEvent('download');
    await page.getByTestId('report-html').click();
    const report = await html;
    expect(report.suggestedFilename()).toBe('fixture-run-1-report.html');
    expect(readFileSync((await report.path()) ?? '', 'utf8')).toContain('<h1>Run #1 report</h1>');

    await page.getByTestId('nav-runs').click();
    const exported = page.waitForEvent('download');
    await page.getByTestId('export-model-1').click();
    const model = await exported;
    const modelPath = join(dir, model.suggestedFilename());
    await model.saveAs(modelPath);
    expect(JSON.parse(readFileSync(modelPath, 'utf8'))).toMatchObject({
      format: 'sbnn-studio-model',
      name: 'fixture run'
    });

    await page.getByTestId('import-model-file').setInputFiles(modelPath);
    await page.getByTestId('model-imported').waitFor();
    expect(await page.getByTestId('model-imported').textContent()).toContain(`run #${importedRunId}`);
    expect(await page.getByTestId('nav-active-run').textContent()).toContain(
      `#${importedRunId} fixture run (imported)`
    );
    expect(await page.getByTestId('run-row').first().getAttribute('class')).toContain('current');
    await screenshot(page, 'review-tools-runs');

    const bad = join(dir, 'notes.json');
    writeFileSync(bad, '{"hello": 1}');
    await page.getByTestId('import-model-file').setInputFiles(bad);
    await page.getByTestId('model-file-error').waitFor();
    expect(await page.getByTestId('model-file-error').textContent()).toContain(
      'not an SBNN Studio model file'
    );
    expect(browser.problems).toEqual([]);
  });

  it('Report in a browser: opens the printable page in a new tab', async () => {
    const browser = await open('web');
    const { page } = browser;
    await openFixtureRun(page);
    expect(await page.getByTestId('report-pdf').count()).toBe(0);
    const tab = browser.context.waitForEvent('page');
    await page.getByTestId('report-open').click();
    const opened = await tab;
    await opened.getByRole('heading', { name: 'Run #1 report' }).waitFor();
    expect(opened.url()).toMatch(/^blob:/);
    expect(await page.getByTestId('report-done').textContent()).toContain('Ctrl+P');
    expect(browser.problems).toEqual([]);
  });
});
