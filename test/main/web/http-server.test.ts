import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import type { BackendInfo } from '@shared/domain/records';
import { EventBus } from '../../../src-main/core/event-bus';
import type { Handlers } from '../../../src-main/core/dispatch';
import { startWebServer } from '../../../src-main/web/http-server';
import type { WebServer } from '../../../src-main/web/http-server';

const backend: BackendInfo = { name: 'wasm', label: 'WebAssembly (test)', unavailable: [] };

/** Only the channels these tests call; the others fail loudly if reached. */
const handlers = new Proxy(
  {
    'app:health': () => ({ ok: true as const, backend, version: '9.9.9' }),
    'datasets:get': ({ datasetId }: { datasetId: number }) => {
      throw new AppError('NOT_FOUND', `Dataset ${datasetId} does not exist.`);
    },
    'datasets:list': () => []
  },
  {
    get(target, key: string) {
      if (key in target) return target[key as keyof typeof target];
      return () => {
        throw new Error(`unexpected call ${key}`);
      };
    }
  }
) as unknown as Handlers;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8')
          })
        );
      }
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('web mode HTTP server', () => {
  const events = new EventBus();
  let server: WebServer;
  let auth: Record<string, string>;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'sbnn-renderer-'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>SBNN</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'sbnn-secret.txt'), 'secret');
    server = await startWebServer({
      core: { handlers, events, version: '9.9.9', compute: { currentBackend: () => backend } },
      rendererDir,
      port: 0
    });
    auth = { Authorization: `Bearer ${server.token}` };
  });
  afterAll(async () => server.close());

  it('prints a loopback URL carrying a random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
    expect(server.url).toContain(server.token);
  });

  it('answers 401 on every /api/ path without the token, or with a wrong one', async () => {
    for (const path of ['/api/health', '/api/invoke/datasets:list', '/api/events', '/api/anything']) {
      const reply = await send(server.port, path, { method: path.includes('invoke') ? 'POST' : 'GET' });
      expect(reply.status, path).toBe(401);
      expect(JSON.parse(reply.body).error.code).toBe('UNAUTHORIZED');
    }
    const wrong = await send(server.port, '/api/health', { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const queryToken = await send(server.port, `/api/health?token=${server.token}`);
    expect(queryToken.status).toBe(401);
  });

  it('refuses a request naming another host (DNS rebinding) even with the token', async () => {
    const reply = await send(server.port, '/api/health', { headers: { ...auth, Host: 'evil.example:80' } });
    expect(reply.status).toBe(401);
  });

  it('answers /api/health with ok, backend and version when authorized', async () => {
    const reply = await send(server.port, '/api/health', { headers: auth });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, backend, version: '9.9.9' });
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('dispatches invoke calls through the contract and returns envelopes with matching status', async () => {
    const ok = await send(server.port, '/api/invoke/datasets:list', {
      method: 'POST',
      headers: auth,
      body: '{}'
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, result: [] });

    const missing = await send(server.port, '/api/invoke/datasets:get', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ datasetId: 7 })
    });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error).toEqual({
      code: 'NOT_FOUND',
      message: 'Dataset 7 does not exist.'
    });

    const invalid = await send(server.port, '/api/invoke/datasets:get', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ datasetId: 'seven' })
    });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.message).toContain('datasetId');

    const notJson = await send(server.port, '/api/invoke/datasets:list', {
      method: 'POST',
      headers: auth,
      body: '{'
    });
    expect(notJson.status).toBe(400);

    const unknown = await send(server.port, '/api/invoke/system:exec', {
      method: 'POST',
      headers: auth,
      body: '{}'
    });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error.message).toContain('Unknown request');
  });

  it('streams events to connected pages as server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/api/events', headers: auth },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes('\n\nevent: ') || text.includes('data: {')) {
              if (text.split('\n\n').some((block) => block.startsWith('event: run:status'))) {
                req.destroy();
                resolve(text);
              }
            }
          });
        }
      );
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    events.emit('run:status', { runId: 3, status: 'finished', error: null });
    const text = await received;
    expect(text).toContain('event: run:status\ndata: {"runId":3,"status":"finished","error":null}\n\n');
  });

  it('serves the renderer without the token, never a file outside it', async () => {
    const index = await send(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>SBNN</title>');
    const asset = await send(server.port, '/assets/app.js');
    expect(asset.headers['content-type']).toContain('text/javascript');
    for (const path of [
      '/../sbnn-secret.txt',
      '/%2e%2e/sbnn-secret.txt',
      '/assets/..%2f..%2fsbnn-secret.txt'
    ]) {
      const reply = await send(server.port, path);
      expect(reply.body, path).not.toContain('secret');
    }
  });

  it('listens on the loopback interface only', async () => {
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // a machine with no external interface has nothing else to reach
    const refused = await new Promise<boolean>((resolve) => {
      const req = request({ host: external.address, port: server.port, path: '/', timeout: 2000 }, () =>
        resolve(false)
      );
      req.on('error', () => resolve(true));
      req.on('timeout', () => {
        req.destroy();
        resolve(true);
      });
      req.end();
    });
    expect(refused).toBe(true);
  });
});
