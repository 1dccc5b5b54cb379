import type { SbnnBridge } from '@shared/contract/bridge';
import type { ContractClient } from '@shared/contract/channels';
import { createHttpClient, takeToken } from './http-transport';
import { createIpcClient } from './ipc-transport';

/**
 * Picks the transport once at start-up: the Electron preload's bridge when present, otherwise
 * the loopback web server that served this page. Views never know which one they use.
 */
export function createClient(win: Window): ContractClient {
  const bridge = (win as Window & { sbnn?: SbnnBridge }).sbnn;
  if (bridge) return createIpcClient(bridge);
  const token = takeToken({
    href: win.location.href,
    storage: win.sessionStorage,
    replaceUrl: (url) => win.history.replaceState(win.history.state, '', url)
  });
  return createHttpClient({ baseUrl: win.location.origin, token, fetch: win.fetch.bind(win) });
}
