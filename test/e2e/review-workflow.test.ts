import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/chromium';
import { appSessionOnNewDatabase } from './support/app-session';
import { chooseOodDataset, importSample, openDataset, waitForRunEnd } from './support/app-page';

const TRAIN_TIMEOUT_MS = 180_000;
const RUN_NAME = 'e2e review rank 4';
const FIRST_NOTE = 'Nodes look under-counted in the referral; asked pathology to recount.';
const SECOND_NOTE = 'Pathology recount: 6 nodes. The prediction stands.';
const OTHER_NOTE = 'Cohort differs (older, more nodes): needs a clinician before use.';

/** Saves the open record's form with the given verdict and note. */
async function review(page: Page, outcome: string, note: string, versions: number): Promise<void> {
  await page.getByTestId('review-outcome').selectOption(outcome);
  await page.getByTestId('review-note').fill(note);
  await page.keyboard.press('Control+Enter');
  await page
    .getByTestId('audit-entry')
    .nth(versions - 1)
    .waitFor();
}

describe('review workflow: refer, review with notes, and export the audit trail after a restart', () => {
  const session = appSessionOnNewDatabase('sbnn-e2e-review-');

  it('trains on the clinical sample, reviews two records (one twice), and exports both notes with the trail', async () => {
    const { page, problems } = await session.openBrowser({ width: 1400, height: 900 });

    await importSample(page, 'rotterdam', /Rotterdam/);
    await importSample(page, 'gbsg', /German/);
    await openDataset(page, /Rotterdam/);
    await chooseOodDataset(page, /German/);
    await page.getByTestId('to-model').click();
    await page.getByTestId('hidden-layers').fill('16');
    await page.getByTestId('rank-all').fill('4');
    await page.getByTestId('epochs').fill('6');
    await page.getByTestId('mc-samples').fill('20');
    await page.getByTestId('run-name').fill(RUN_NAME);
    await page.getByTestId('train-button').click();
    const end = await waitForRunEnd(page, TRAIN_TIMEOUT_MS);
    expect(end, `training ended with ${end.status}: ${end.error}`).toEqual({ status: 'finished', error: '' });

    // The queue: OOD-flagged records of the German cohort are in it, marked as such.
    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-row').first().waitFor();
    expect(Number(await page.getByTestId('count-ood').textContent())).toBeGreaterThan(0);
    await page.getByTestId('reason-ood').first().waitFor();
    expect(await page.getByTestId('review-ood-flag').count()).toBeGreaterThan(0);

    // Refer 10 %: the most uncertain tenth of the reviewed records enter the queue.
    await page.getByTestId('refer-slider').fill('25');
    await page.getByTestId('refer-slider').fill('10');
    expect(await page.getByTestId('refer-value').textContent()).toBe('10 %');
    expect(await page.getByTestId('retention-value').textContent()).toMatch(/^\d+\.\d%$/);
    await page.getByTestId('reason-uncertain').first().waitFor();

    // First record: a note, then a second one that supersedes it (the audit trail).
    const first = page.getByTestId('review-row').first();
    await first.click();
    await review(page, 'follow-up', FIRST_NOTE, 1);
    await review(page, 'confirmed', SECOND_NOTE, 2);
    expect(await page.getByTestId('audit-trail').textContent()).toMatch(/v2.*current.*v1.*superseded/s);
    // Second record, reached with the keyboard.
    await page.getByTestId('review-table').focus();
    await page.keyboard.press('j');
    await review(page, 'not-assessable', OTHER_NOTE, 1);
    expect(await page.getByTestId('count-reviewed').textContent()).toMatch(/^2 of \d+$/);
    await screenshot(page, 'e2e-review-queue');
    expect(problems).toEqual([]);
    await session.closeBrowser();

    // Everything is in the database: a new server on the same file exports the notes and the trail.
    await session.restartServer();
    const reopenedBrowser = await session.openBrowser();
    const reopened = reopenedBrowser.page;
    await reopened.getByTestId('nav-runs').click();
    await reopened.getByRole('button', { name: RUN_NAME }).click();
    await reopened.getByTestId('test-metrics').waitFor();
    await reopened.getByTestId('nav-review').click();
    await reopened.getByTestId('review-row').first().waitFor();
    expect(await reopened.getByTestId('count-reviewed').textContent()).toMatch(/^2 of \d+$/);
    const oodBefore = Number(await reopened.getByTestId('count-ood').textContent());
    const download = reopened.waitForEvent('download');
    await reopened.getByTestId('review-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/review\.csv$/);
    const csv = Papa.parse<Record<string, string>>(readFileSync((await file.path()) ?? '', 'utf8'), {
      header: true,
      skipEmptyLines: true
    }).data;
    const twice = csv.find((row) => row['note'] === SECOND_NOTE);
    expect(twice?.['outcome']).toBe('confirmed');
    expect(twice?.['versions']).toBe('2');
    // The earlier version is kept in the audit column, before the current one.
    const audit = twice?.['audit'] ?? '';
    expect(audit).toContain(FIRST_NOTE);
    expect(audit.indexOf(FIRST_NOTE)).toBeLessThan(audit.indexOf(SECOND_NOTE));
    const once = csv.find((row) => row['note'] === OTHER_NOTE);
    expect(once?.['outcome']).toBe('not-assessable');
    expect(once?.['versions']).toBe('1');
    expect(csv.filter((row) => row['outcome'] !== '')).toHaveLength(2);

    // The printable report opens in a new tab in a browser (web mode prints it there).
    await reopened.getByTestId('nav-results').click();
    const tab = reopenedBrowser.context.waitForEvent('page');
    await reopened.getByTestId('report-open').click();
    const report = await tab;
    await report.waitForURL(/^blob:/);
    await report.waitForLoadState();
    expect(await report.content()).toContain(RUN_NAME);

    // A saved run scores another file: the German cohort, whose 555 records join the queue.
    const gbsg = reopened.getByTestId('score-dataset').locator('option', { hasText: /German/ });
    await reopened.getByTestId('score-dataset').selectOption((await gbsg.getAttribute('value')) ?? '');
    await reopened.getByTestId('score-dataset-button').click();
    await reopened.getByTestId('score-result').waitFor({ timeout: 60_000 });
    expect(await reopened.getByTestId('score-result').textContent()).toContain('555 records scored');
    await reopened.getByTestId('score-metrics').waitFor();
    await screenshot(reopened, 'e2e-review-scored');
    await reopened.getByTestId('score-open-review').click();
    await reopened.getByTestId('review-row').first().waitFor();
    // The scored file's OOD-flagged records joined the queue.
    await expect
      .poll(async () => Number(await reopened.getByTestId('count-ood').textContent()), { timeout: 10_000 })
      .toBeGreaterThan(oodBefore);
    expect(reopenedBrowser.problems).toEqual([]);
  });
});
