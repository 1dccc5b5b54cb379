import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { errorMessage } from '@shared/contract/errors';
import { resolveDbPath, resolveResourcesDir } from '../core/app-paths';
import { createAppCore } from '../core/app-core';
import type { AppCore } from '../core/app-core';
import { attachIpcBridge } from './ipc-bridge';
import { createMainWindow } from './main-window';
import { saveReportPdf } from './pdf-export';
import { createUtilityLauncher } from './utility-launcher';

/**
 * The desktop app: one window, one AppCore, the compute process as a utilityProcess. The database
 * lives in the user data folder unless --db or SBNN_DB says otherwise.
 */
const outDir = join(__dirname, '..');
let core: AppCore | null = null;

function dbArgument(argv: string[]): string | undefined {
  const index = argv.indexOf('--db');
  return index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--db='))?.slice(5);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(
    () => {
      try {
        core = createAppCore({
          dbPath: resolveDbPath(dbArgument(process.argv)),
          resourcesDir: resolveResourcesDir(__dirname),
          launcher: createUtilityLauncher(join(__dirname, 'compute.js')),
          mode: 'desktop',
          savePdf: saveReportPdf
        });
      } catch (err) {
        dialog.showErrorBox('SBNN Studio cannot start', errorMessage(err));
        app.exit(1);
        return;
      }
      const window = createMainWindow(outDir);
      const detach = attachIpcBridge(core, window);
      window.on('closed', detach);
    },
    (err: unknown) => {
      process.stderr.write(`SBNN Studio could not start: ${errorMessage(err)}\n`);
      app.exit(1);
    }
  );

  // Any other web contents (there should be none) may not open windows; the main window sets
  // its own navigation rules in main-window.ts.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.on('window-all-closed', () => {
    const current = core;
    core = null;
    void (current ? current.close() : Promise.resolve()).finally(() => app.quit());
  });
}
