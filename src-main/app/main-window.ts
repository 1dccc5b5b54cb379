import { BrowserWindow, session, shell } from 'electron';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../core/security-policy';

/** The local path a file: URL names; null for any other URL or one no path can be read from. */
function localPathOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? fileURLToPath(parsed) : null;
  } catch {
    return null;
  }
}

/** True when `path` is `dir` itself or lies below it (after `..` and percent-escapes are resolved). */
function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

/** The options every SBNN Studio window is created with (asserted by the security tests). */
export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false
  };
}

/**
 * Creates the single app window: sandboxed renderer, CSP on every response, no navigation away
 * from the app, no new windows, no permission grants, no web requests to anything but the app's
 * own files.
 */
export function createMainWindow(outDir: string): BrowserWindow {
  const indexFile = join(outDir, 'renderer', 'index.html');

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    });
  });
  // Everything the page loads comes from the app's own files; anything else, including other
  // files on the disk, is refused.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const path = localPathOf(details.url);
    const allowed = (path !== null && isWithin(outDir, path)) || details.url.startsWith('devtools://');
    callback({ cancel: !allowed });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'SBNN Studio',
    show: false,
    webPreferences: secureWebPreferences(join(outDir, 'preload', 'index.js'))
  });
  // Compared as paths, not strings: the install folder may hold characters URLs escape.
  window.webContents.on('will-navigate', (event, url) => {
    const isAppIndex = localPathOf(url) === indexFile && !/[?#]/.test(url);
    if (!isAppIndex) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(indexFile);
  return window;
}
