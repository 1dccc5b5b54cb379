import { HTTP_EVENTS_PATH, HTTP_INVOKE_PREFIX } from '@shared/contract/bridge';
import { events, isChannel } from '@shared/contract/channels';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  ContractClient,
  EventName,
  EventPayload
} from '@shared/contract/channels';
import type { Envelope } from '@shared/contract/errors';
import { ClientError } from './client-error';
import { SseParser } from './sse-parser';

const TOKEN_KEY = 'sbnn.token';
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

export interface TokenPlace {
  href: string;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  replaceUrl: (url: string) => void;
}

/**
 * The web server hands out its URL as `/?token=T`. The token is read once, kept in
 * sessionStorage (so a reload keeps working) and removed from the address bar, so it does not
 * end up in history, bookmarks or screenshots.
 */
export function takeToken(place: TokenPlace): string | null {
  const url = new URL(place.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    place.storage.setItem(TOKEN_KEY, fromQuery);
    url.searchParams.delete('token');
    place.replaceUrl(url.pathname + url.search + url.hash);
    return fromQuery;
  }
  return place.storage.getItem(TOKEN_KEY);
}

export interface HttpClientOptions {
  baseUrl: string;
  token: string | null;
  fetch: typeof fetch;
}

type Listener = (payload: unknown) => void;

/**
 * Web-mode transport. Calls are `POST /api/invoke/<channel>`; the body of every answer, 4xx/5xx
 * included, is an envelope. Events come from one long-lived `GET /api/events` read as a stream,
 * because EventSource cannot send the Authorization header; it reconnects with exponential
 * backoff, opened on the first subscription.
 */
export function createHttpClient(options: HttpClientOptions): ContractClient {
  const headers: Record<string, string> = options.token ? { Authorization: `Bearer ${options.token}` } : {};
  const listeners = new Map<EventName, Set<Listener>>();
  let streaming = false;

  function dispatch(name: string, data: string): void {
    if (!(name in events)) return;
    const event = name as EventName;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    const checked = events[event].safeParse(parsed);
    if (!checked.success) return;
    for (const listener of listeners.get(event) ?? []) listener(checked.data);
  }

  async function streamEvents(): Promise<void> {
    const parser = new SseParser((message) => dispatch(message.event, message.data));
    const decoder = new TextDecoder();
    let delay = FIRST_RETRY_MS;
    for (;;) {
      try {
        const response = await options.fetch(options.baseUrl + HTTP_EVENTS_PATH, {
          headers: { ...headers, Accept: 'text/event-stream' },
          cache: 'no-store'
        });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        delay = FIRST_RETRY_MS;
        parser.reset();
        const reader = response.body.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(decoder.decode(value, { stream: true }));
        }
      } catch {
        // The server restarted or the network dropped: retry below.
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  return {
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      if (!isChannel(channel))
        throw new ClientError({ code: 'BAD_REQUEST', message: `Unknown call ${channel}.` });
      let envelope: Envelope<ChannelOutput<C>>;
      try {
        const response = await options.fetch(options.baseUrl + HTTP_INVOKE_PREFIX + channel, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify(input)
        });
        envelope = (await response.json()) as Envelope<ChannelOutput<C>>;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new ClientError({
          code: 'INTERNAL',
          message: `The app server did not answer (${reason}). Is it still running?`
        });
      }
      if (!envelope.ok) throw new ClientError(envelope.error);
      return envelope.result;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const wrapped = listener as Listener;
      set.add(wrapped);
      if (!streaming) {
        streaming = true;
        void streamEvents();
      }
      return () => set.delete(wrapped);
    }
  };
}
