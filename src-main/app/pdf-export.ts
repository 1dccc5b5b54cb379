import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';

/**
 * Prints a report page to PDF (desktop only): asks where to save it, renders the HTML in a hidden
 * window with JavaScript off (the report has no script), prints to A4 and writes the file.
 * Resolves to the saved path, or null when the user cancels the dialog.
 */
export async function saveReportPdf(html: string, fileName: string): Promise<string | null> {
  const { canceled, filePath } = await dialog.showSaveDialog({
    title: 'Save the run report as PDF',
    defaultPath: fileName.replace(/\.html$/i, '.pdf'),
    filters: [{ name: 'PDF', extensions: ['pdf'] }]
  });
  if (canceled || !filePath) return null;
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false }
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    await writeFile(filePath, pdf);
    return filePath;
  } finally {
    window.destroy();
  }
}
