import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { HTTP_EVENTS_PATH, HTTP_HEALTH_PATH, HTTP_INVOKE_PREFIX } from '@shared/contract/bridge';
import { MAX_IMPORT_BYTES } from '@shared/contract/channels';
import type { Envelope } from '@shared/contract/errors';
import { dispatch, httpStatusFor } from '../core/dispatch';
import type { AppCore } from '../core/app-core';
import { SECURITY_HEADERS } from '../core/security-policy';
import { readStaticFile } from './static-files';

/** What the web server needs of the app: the handlers, the events and the backend for /api/health. */
export type WebServerCore = Pick<AppCore, 'handlers' | 'events' | 'version'> & {
  compute: Pick<AppCore['compute'], 'currentBackend'>;
};

export interface WebServerOptions {
  core: WebServerCore;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token (tests); random per launch otherwise. */
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Request bodies are JSON of at most the largest importable file plus the envelope around it. */
const MAX_BODY_BYTES = MAX_IMPORT_BYTES + 1024 * 1024;
const SSE_KEEPALIVE_MS = 15_000;

/**
 * Web mode: the built renderer and the contract's handlers over HTTP, bound to 127.0.0.1 only.
 * Every /api/ path needs `Authorization: Bearer <token>`; the Host header must name the loopback
 * address (a page on another site cannot reach the API through DNS rebinding).
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const unsubscribe = options.core.events.subscribe((event, payload) => {
    const chunk = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(chunk);
  });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(err) } });
      else res.end();
    });
  });

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return false;
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const loopbackHost = (req: IncomingMessage): boolean => {
    const host = req.headers.host ?? '';
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
      const file = await readStaticFile(options.rendererDir, url.pathname);
      if (!file) return sendText(res, 404, 'Not found');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': file.contentType,
        'Cache-Control': 'no-cache'
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
      return;
    }
    if (!loopbackHost(req) || !authorized(req)) {
      req.resume();
      return sendJson(res, 401, {
        ok: false,
        error: {
          code: 'UNAUTHORIZED',
          message: 'Missing or wrong access token: open the URL printed at start-up.'
        }
      });
    }
    if (url.pathname === HTTP_HEALTH_PATH && req.method === 'GET') {
      const backend = options.core.compute.currentBackend();
      return sendJson(res, 200, { ok: true, backend, version: options.core.version });
    }
    if (url.pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive'
      });
      res.write(': connected\n\n');
      streams.add(res);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
      req.on('close', () => {
        clearInterval(keepAlive);
        streams.delete(res);
      });
      return;
    }
    if (url.pathname.startsWith(HTTP_INVOKE_PREFIX) && req.method === 'POST') {
      const channel = url.pathname.slice(HTTP_INVOKE_PREFIX.length);
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === null) {
        return sendJson(res, 413, {
          ok: false,
          error: { code: 'BAD_REQUEST', message: `Request too large (limit ${MAX_BODY_BYTES} bytes).` }
        });
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'The request body is not JSON.' }
        });
      }
      const envelope = await dispatch(options.core.handlers, channel, input);
      return sendJson(res, envelope.ok ? 200 : httpStatusFor(envelope.error), envelope);
    }
    return sendJson(res, 404, {
      ok: false,
      error: { code: 'NOT_FOUND', message: `No API at ${url.pathname}.` }
    });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      await new Promise<void>((done) => server.close(() => done()));
    }
  };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: Envelope<unknown> | Record<string, unknown>
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store'
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Reads the whole body, or null (and stops reading) once it exceeds the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
