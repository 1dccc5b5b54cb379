import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electron, FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const { saveReportPdf } = await import('../../../src-main/app/pdf-export');

describe('saveReportPdf', () => {
  beforeEach(() => {
    FakeBrowserWindow.created.length = 0;
  });

  it('renders the report in a hidden window without JavaScript, prints it and writes the chosen file', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'sbnn-pdf-')), 'run.pdf');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const saved = await saveReportPdf('<p>a &amp; b</p>', 'Run-1-report.html');
    expect(saved).toBe(target);
    expect(electron.dialog.showSaveDialog.mock.calls.at(-1)?.[0]).toMatchObject({
      defaultPath: 'Run-1-report.pdf'
    });
    const window = FakeBrowserWindow.created[0];
    expect(window?.options.show).toBe(false);
    expect(window?.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      nodeIntegration: false
    });
    expect(readFileSync(target, 'utf8')).toBe(
      `%PDF data:text/html;charset=utf-8,${encodeURIComponent('<p>a &amp; b</p>')}`
    );
    expect(window?.isDestroyed()).toBe(true);
  });

  it('does nothing when the user cancels the dialog', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true });
    expect(await saveReportPdf('<p></p>', 'r.html')).toBeNull();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });
});
