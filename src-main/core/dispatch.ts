import { channels, isChannel } from '@shared/contract/channels';
import type { Channel, ChannelOutput, ChannelParsedInput } from '@shared/contract/channels';
import { toErrorInfo } from '@shared/contract/errors';
import type { Envelope, ErrorInfo } from '@shared/contract/errors';
import type { z } from 'zod';

/** One implementation per channel of the contract; inputs arrive already validated. */
export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/**
 * The single entry point behind every transport (Electron IPC, HTTP, tests): checks the channel
 * name and validates the payload against the contract's schema before any handler sees it, and
 * turns every outcome into an envelope. Nothing thrown escapes as a stack trace.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: { code: 'BAD_REQUEST', message: `Unknown request "${channel.slice(0, 100)}".` }
    };
  }
  const parsed = channels[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'BAD_REQUEST', message: describeIssues(`Invalid request for ${channel}`, parsed.error) }
    };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown;
    const result = await handler(parsed.data);
    return { ok: true, result };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}

/** A readable summary of what was wrong with a payload: the first few fields and why. */
export function describeIssues(heading: string, error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(payload)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `${heading}: ${parts.join('; ')}${more}.`;
}

/** HTTP status that best matches an error code (web mode). */
export function httpStatusFor(error: ErrorInfo): number {
  switch (error.code) {
    case 'BAD_REQUEST':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'CANCELLED':
      return 409;
    case 'BAD_DATA':
    case 'TRAINING_DIVERGED':
      return 422;
    case 'DB_VERSION':
    case 'COMPUTE_FAILED':
    case 'INTERNAL':
      return 500;
  }
}
