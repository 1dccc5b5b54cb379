import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../../src-renderer/lib/client/sse-parser';
import type { SseMessage } from '../../../../src-renderer/lib/client/sse-parser';

function collect(chunks: string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const parser = new SseParser((m) => out.push(m));
  for (const chunk of chunks) parser.push(chunk);
  return out;
}

describe('SseParser', () => {
  it('parses complete blocks', () => {
    expect(collect(['event: run:progress\ndata: {"a":1}\n\nevent: run:status\ndata: {"b":2}\n\n'])).toEqual([
      { event: 'run:progress', data: '{"a":1}' },
      { event: 'run:status', data: '{"b":2}' }
    ]);
  });

  it('joins blocks split at arbitrary points, including inside a CRLF', () => {
    const text = 'event: x\r\ndata: {"v":10}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(collect([text.slice(0, cut), text.slice(cut)])).toEqual([{ event: 'x', data: '{"v":10}' }]);
    }
  });

  it('ignores comments, emits nothing for an unterminated block, and joins multi-line data', () => {
    expect(collect([': connected\n\n', 'data: a\ndata: b\n\n', 'event: y\ndata: never'])).toEqual([
      { event: 'message', data: 'a\nb' }
    ]);
  });

  it('forgets a partial block on reset', () => {
    const out: SseMessage[] = [];
    const parser = new SseParser((m) => out.push(m));
    parser.push('event: old\ndata: half');
    parser.reset();
    parser.push('event: new\ndata: 1\n\n');
    expect(out).toEqual([{ event: 'new', data: '1' }]);
  });
});
