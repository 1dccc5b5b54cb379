import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { dispatch, httpStatusFor } from '../../../src-main/core/dispatch';
import type { Handlers } from '../../../src-main/core/dispatch';

function handlersWith(partial: Partial<Handlers>): Handlers {
  return partial as Handlers;
}

describe('dispatch', () => {
  it('refuses unknown channels without calling anything', async () => {
    const envelope = await dispatch(handlersWith({}), 'fs:readFile', {});
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'Unknown request "fs:readFile".' }
    });
  });

  it('validates the payload against the contract before the handler sees it', async () => {
    let called = false;
    const handlers = handlersWith({
      'runs:get': () => {
        called = true;
        throw new Error('unreachable');
      }
    });
    const wrongType = await dispatch(handlers, 'runs:get', { runId: '1' });
    const extraKey = await dispatch(handlers, 'runs:get', { runId: 1, sql: 'drop table runs' });
    const negative = await dispatch(handlers, 'runs:get', { runId: -4 });
    for (const envelope of [wrongType, extraKey, negative]) {
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) {
        expect(envelope.error.code).toBe('BAD_REQUEST');
        expect(envelope.error.message).toMatch(/^Invalid request for runs:get: /);
      }
    }
    expect(called).toBe(false);
  });

  it('fills the documented defaults of a training config', async () => {
    let seen: unknown = null;
    const handlers = handlersWith({
      'runs:start': (config) => {
        seen = config;
        return { runId: 1 };
      }
    });
    const envelope = await dispatch(handlers, 'runs:start', { datasetId: 2, target: 'event_3y' });
    expect(envelope).toEqual({ ok: true, result: { runId: 1 } });
    expect(seen).toMatchObject({
      datasetId: 2,
      target: 'event_3y',
      hidden: [128, 128],
      rank: 8,
      beta: 1,
      lr: 1e-3,
      samples: 100,
      oodFalseAlarmRate: 0.05,
      prior: { kind: 'scale-mixture', pi: 0.5, sigma1: 1, sigma2: Math.exp(-6) }
    });
  });

  it('turns thrown errors into envelopes: AppError keeps its code, others are INTERNAL', async () => {
    const appError = await dispatch(
      handlersWith({
        'datasets:get': () => {
          throw new AppError('BAD_DATA', 'Row 3 has 2 fields, expected 4.', { file: 'a.csv', row: 3 });
        }
      }),
      'datasets:get',
      { datasetId: 1 }
    );
    expect(appError).toEqual({
      ok: false,
      error: {
        code: 'BAD_DATA',
        message: 'Row 3 has 2 fields, expected 4.',
        where: { file: 'a.csv', row: 3 }
      }
    });
    const plain = await dispatch(
      handlersWith({
        'datasets:list': async () => {
          throw new TypeError('x is undefined');
        }
      }),
      'datasets:list',
      {}
    );
    expect(plain).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected error: x is undefined' }
    });
  });

  it('maps error codes to HTTP statuses', () => {
    expect(httpStatusFor({ code: 'BAD_REQUEST', message: '' })).toBe(400);
    expect(httpStatusFor({ code: 'NOT_FOUND', message: '' })).toBe(404);
    expect(httpStatusFor({ code: 'BAD_DATA', message: '' })).toBe(422);
    expect(httpStatusFor({ code: 'INTERNAL', message: '' })).toBe(500);
  });
});
