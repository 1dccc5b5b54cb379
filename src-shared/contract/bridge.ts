import type { Envelope } from './errors';
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from './channels';

/**
 * What the Electron preload exposes on `window.sbnn` (and nothing more). Calls resolve to an
 * envelope rather than throwing, because Electron flattens errors thrown across IPC into strings.
 */
export interface SbnnBridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names used by the preload and the main process. */
export const IPC_INVOKE = 'sbnn:invoke';
export const IPC_EVENT = 'sbnn:event';

/** HTTP paths of web mode (all under /api/ require `Authorization: Bearer <token>`). */
export const HTTP_INVOKE_PREFIX = '/api/invoke/';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_HEALTH_PATH = '/api/health';
