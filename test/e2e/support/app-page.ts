import type { Page } from 'playwright-core';

/** Steps through the UI that several end-to-end tests share, by data-testid and accessible names. */

export async function importSample(page: Page, sampleId: string, datasetName: RegExp): Promise<void> {
  await page.getByTestId('nav-data').click();
  await page.getByTestId(`import-sample-${sampleId}`).click();
  await page.getByTestId('dataset-row').filter({ hasText: datasetName }).first().waitFor();
}

export async function openDataset(page: Page, datasetName: RegExp): Promise<void> {
  await page.getByTestId('nav-data').click();
  await page
    .getByTestId('dataset-row')
    .filter({ hasText: datasetName })
    .getByRole('button', { name: datasetName })
    .click();
  await page.getByTestId('preview-table').waitFor();
}

export async function chooseOodDataset(page: Page, datasetName: RegExp): Promise<void> {
  const select = page.getByTestId('ood-dataset-select');
  const value = await select.locator('option', { hasText: datasetName }).getAttribute('value');
  if (value === null) throw new Error(`No OOD dataset option matches ${datasetName}.`);
  await select.selectOption(value);
}

const FINAL = ['finished', 'failed', 'cancelled', 'interrupted'];

/** Waits until the Training view shows a final status and returns it with any error shown. */
export async function waitForRunEnd(
  page: Page,
  timeoutMs: number
): Promise<{ status: string; error: string }> {
  await page.waitForFunction(
    (final) =>
      final.includes(document.querySelector('[data-testid="run-status"]')?.textContent?.trim() ?? ''),
    FINAL,
    { timeout: timeoutMs, polling: 500 }
  );
  const status = (await page.getByTestId('run-status').textContent())?.trim() ?? '';
  const errorNote = page.getByTestId('run-error');
  const error = (await errorNote.count()) > 0 ? ((await errorNote.textContent()) ?? '') : '';
  return { status, error };
}
