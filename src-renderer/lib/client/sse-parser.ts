/** One complete server-sent event block. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Incremental parser of a `text/event-stream` body (blocks `event: <name>\ndata: <json>\n\n`).
 * Chunks may split a block, a line or a CRLF anywhere, so text is buffered until a blank line
 * ends the block. Comment lines (`:` keep-alives) and unknown fields are ignored; several
 * `data:` lines join with newlines, as the SSE specification says.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  constructor(private readonly onMessage: (message: SseMessage) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const newline = this.buffer.search(/\r\n|\n|\r/);
      if (newline < 0) return;
      // A lone trailing '\r' may be the first half of a CRLF split across chunks: wait for more.
      if (this.buffer[newline] === '\r' && newline === this.buffer.length - 1) return;
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + width);
      this.line(line);
    }
  }

  /** Forget any partial block, e.g. after the connection dropped. */
  reset(): void {
    this.buffer = '';
    this.event = '';
    this.data = [];
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0)
        this.onMessage({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}
