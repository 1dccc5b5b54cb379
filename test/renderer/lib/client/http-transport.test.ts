import { describe, expect, it } from 'vitest';
import { createHttpClient, takeToken } from '../../../../src-renderer/lib/client/http-transport';
import { ClientError } from '../../../../src-renderer/lib/client/client-error';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map(Object.entries(initial));
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    }
  });
}

describe('takeToken', () => {
  it('moves the token from the query into storage and strips it from the address bar', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const token = takeToken({
      href: 'http://127.0.0.1:5000/?token=abc_-9&view=x#top',
      storage,
      replaceUrl: (u) => replaced.push(u)
    });
    expect(token).toBe('abc_-9');
    expect(storage.getItem('sbnn.token')).toBe('abc_-9');
    expect(replaced).toEqual(['/?view=x#top']);
  });

  it('falls back to the stored token after a reload', () => {
    const replaced: string[] = [];
    const token = takeToken({
      href: 'http://127.0.0.1:5000/',
      storage: memoryStorage({ 'sbnn.token': 'kept' }),
      replaceUrl: (u) => replaced.push(u)
    });
    expect(token).toBe('kept');
    expect(replaced).toEqual([]);
  });
});

describe('createHttpClient', () => {
  it('posts the input with the bearer token and unwraps the envelope', async () => {
    const calls: Call[] = [];
    const fetchStub = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
      calls.push({ url: String(url), init });
      return new Response(JSON.stringify({ ok: true, result: { deleted: true } }), { status: 200 });
    };
    const client = createHttpClient({ baseUrl: 'http://h:1', token: 'T', fetch: fetchStub as typeof fetch });
    await expect(client.invoke('datasets:delete', { datasetId: 7 })).resolves.toEqual({ deleted: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('http://h:1/api/invoke/datasets:delete');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe('{"datasetId":7}');
    expect((calls[0]?.init?.headers as Record<string, string>)['Authorization']).toBe('Bearer T');
  });

  it('throws a ClientError with code and location from an error envelope on a 4xx answer', async () => {
    const fetchStub = async (): Promise<Response> =>
      new Response(
        JSON.stringify({
          ok: false,
          error: { code: 'BAD_DATA', message: 'Row 12 has 3 fields', where: { row: 12, column: 'age' } }
        }),
        { status: 422 }
      );
    const client = createHttpClient({ baseUrl: '', token: 'T', fetch: fetchStub as typeof fetch });
    const error = await client
      .invoke('datasets:import', { source: { kind: 'text', fileName: 'a.csv', content: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('BAD_DATA');
    expect((error as ClientError).where).toEqual({ row: 12, column: 'age' });
  });

  it('reads events from the stream, drops malformed payloads and reconnects after a failure', async () => {
    let eventCalls = 0;
    const fetchStub = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
      expect(String(url)).toBe('/api/events');
      expect((init?.headers as Record<string, string>)['Authorization']).toBe('Bearer T');
      eventCalls += 1;
      if (eventCalls === 1) return new Response('{"ok":false}', { status: 503 });
      if (eventCalls === 2) {
        return new Response(
          streamOf([
            ': connected\n\n',
            'event: run:status\ndata: {"runId":3,"status":"fin',
            'ished","error":null}\n\n',
            'event: run:status\ndata: {"runId":-1,"status":"nope","error":null}\n\n'
          ]),
          { status: 200 }
        );
      }
      return new Promise<Response>(() => undefined);
    };
    const client = createHttpClient({ baseUrl: '', token: 'T', fetch: fetchStub as typeof fetch });
    const seen = await new Promise<unknown[]>((resolve) => {
      const got: unknown[] = [];
      client.on('run:status', (p) => {
        got.push(p);
        resolve(got);
      });
    });
    expect(seen).toEqual([{ runId: 3, status: 'finished', error: null }]);
    expect(eventCalls).toBe(2);
  });
});
