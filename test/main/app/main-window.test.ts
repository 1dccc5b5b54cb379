import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/core/security-policy';
import { createMainWindow } from '../../../src-main/app/main-window';
import { electron, FakeBrowserWindow, registered } from './fake-electron';
import type { BeforeRequestListener, HeadersListener, PermissionHandler } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const OUT_DIR = '/opt/SBNN Studio/resources/app/out';
/** The app's index as Chromium spells it in navigation events (spaces percent-encoded). */
const APP_INDEX_URL = 'file:///opt/SBNN%20Studio/resources/app/out/renderer/index.html';

/** The event object Electron passes to will-navigate and friends, reduced to what the shell calls. */
function cancellable() {
  return { preventDefault: vi.fn<() => void>() };
}

function openWindow(outDir = OUT_DIR): FakeBrowserWindow {
  createMainWindow(outDir);
  const window = FakeBrowserWindow.created[FakeBrowserWindow.created.length - 1];
  if (!window) throw new Error('createMainWindow created no window');
  return window;
}

/** Parses a CSP header into directive -> source list, independently of how the policy is built. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function cancelled(listener: BeforeRequestListener, url: string): boolean | undefined {
  let answer: { cancel?: boolean } | null = null;
  listener({ url }, (response) => {
    answer = response;
  });
  if (answer === null) throw new Error(`no answer for ${url}`);
  return (answer as { cancel?: boolean }).cancel;
}

beforeEach(() => {
  vi.clearAllMocks();
  FakeBrowserWindow.created.length = 0;
});

describe('createMainWindow: web preferences', () => {
  it('creates every window isolated, sandboxed and without Node', () => {
    openWindow();
    openWindow('/tmp/other/out');
    expect(FakeBrowserWindow.created).toHaveLength(2);
    for (const window of FakeBrowserWindow.created) {
      const prefs = window.options.webPreferences ?? {};
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.nodeIntegrationInWorker).toBe(false);
      expect(prefs.nodeIntegrationInSubFrames).toBe(false);
      expect(prefs.webviewTag).toBe(false);
      expect(prefs.webSecurity).toBe(true);
      expect(prefs.allowRunningInsecureContent).toBe(false);
    }
  });

  it('loads the built renderer and the built preload from the output folder', () => {
    const window = openWindow();
    expect(window.options.webPreferences?.preload).toBe(
      '/opt/SBNN Studio/resources/app/out/preload/index.js'
    );
    expect(window.loadFile).toHaveBeenCalledWith('/opt/SBNN Studio/resources/app/out/renderer/index.html');
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });
});

describe('createMainWindow: Content-Security-Policy', () => {
  it('adds the policy to every response and keeps the other headers', () => {
    openWindow();
    const onHeaders = registered(
      electron.session.defaultSession.webRequest.onHeadersReceived
    ) as HeadersListener;
    const answers: { responseHeaders?: Record<string, string[]> }[] = [];
    onHeaders({ url: APP_INDEX_URL, responseHeaders: { 'Content-Type': ['text/html'] } }, (r) =>
      answers.push(r)
    );
    onHeaders({ url: 'file:///opt/x/out/renderer/assets/app.js' }, (r) => answers.push(r));
    expect(answers).toEqual([
      {
        responseHeaders: {
          'Content-Type': ['text/html'],
          'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
        }
      },
      { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }
    ]);
  });

  it('allows only the app itself: self scripts, no objects, no remote origin', () => {
    const policy = parsePolicy(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    const sources = [...policy.values()].flat();
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) {
      expect(source).not.toMatch(/^(https?|wss?|ftp):/i);
      expect(source).not.toMatch(/\*/);
      expect(source).not.toMatch(/\.[a-z]{2,}(:\d+)?(\/|$)/i);
      expect(source).not.toBe("'unsafe-eval'");
    }
  });
});

describe('createMainWindow: navigation and new windows', () => {
  it('prevents navigation to anything but the app index', () => {
    const window = openWindow();
    const elsewhere = [
      'https://example.org/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'file:///opt/SBNN%20Studio/resources/app/out/renderer/other.html',
      `${APP_INDEX_URL}?next=https://example.org`,
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>'
    ];
    for (const url of elsewhere) {
      const event = cancellable();
      window.webContents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalledTimes(1);
    }
    const home = cancellable();
    window.webContents.emit('will-navigate', home, APP_INDEX_URL);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('recognises its own index when the install folder has characters URLs escape', () => {
    const window = openWindow('/home/ana/Apps/SBNN #2/out');
    const home = cancellable();
    window.webContents.emit(
      'will-navigate',
      home,
      'file:///home/ana/Apps/SBNN%20%232/out/renderer/index.html'
    );
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents redirects and webview attachment', () => {
    const window = openWindow();
    const redirect = cancellable();
    window.webContents.emit('will-redirect', redirect, APP_INDEX_URL);
    const webview = cancellable();
    window.webContents.emit('will-attach-webview', webview, {}, { src: 'https://example.org/' });
    expect(redirect.preventDefault).toHaveBeenCalledTimes(1);
    expect(webview.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('denies every new window; only https links go to the system browser', () => {
    const window = openWindow();
    const handler = window.webContents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler');
    expect(handler({ url: 'https://arxiv.org/abs/1505.05424' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://arxiv.org/abs/1505.05424');
    for (const url of [
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share/run.exe',
      'ms-msdt:/id PCWDiagnostic',
      APP_INDEX_URL
    ]) {
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('createMainWindow: requests and permissions', () => {
  it('cancels network and data requests and allows the app files', () => {
    openWindow();
    const onBefore = registered(
      electron.session.defaultSession.webRequest.onBeforeRequest
    ) as BeforeRequestListener;
    for (const url of [
      'http://example.org/track.gif',
      'https://example.org/lib.js',
      'ws://127.0.0.1:9000/',
      'wss://example.org/socket',
      'data:text/javascript,alert(1)',
      'ftp://example.org/file'
    ]) {
      expect(cancelled(onBefore, url), url).toBe(true);
    }
    for (const url of [
      APP_INDEX_URL,
      'file:///opt/SBNN%20Studio/resources/app/out/renderer/assets/index-4f2a.js'
    ]) {
      expect(cancelled(onBefore, url), url).toBe(false);
    }
  });

  it('cancels file requests outside the app folder', () => {
    openWindow();
    const onBefore = registered(
      electron.session.defaultSession.webRequest.onBeforeRequest
    ) as BeforeRequestListener;
    for (const url of [
      'file:///etc/passwd',
      'file:///home/ana/Downloads/evil.js',
      'file:///opt/SBNN%20Studio/resources/app/out/../../../../etc/passwd',
      'file:///opt/SBNN%20Studio/resources/app/out/%2e%2e/secret.txt',
      'file:///opt/SBNN%20Studio/resources/app/outside.js',
      'file:///opt/SBNN%20Studio/resources/app/out%2F..%2F..%2Fsecret'
    ]) {
      expect(cancelled(onBefore, url), url).toBe(true);
    }
  });

  it('denies every permission request', () => {
    openWindow();
    const handler = registered(
      electron.session.defaultSession.setPermissionRequestHandler
    ) as PermissionHandler;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen'
    ]) {
      const callback = vi.fn();
      handler({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
  });
});
