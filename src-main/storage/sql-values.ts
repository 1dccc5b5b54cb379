/**
 * Conversions between domain values and the values SQLite stores. Shared by every repository so
 * that a value is encoded one way only.
 */

/** Where timestamps come from; injectable so tests can order rows without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** ISO-8601 UTC with milliseconds, e.g. 2026-11-26T12:00:47.123Z (sorts lexicographically by time). */
export function isoTimestamp(clock: Clock): string {
  return clock().toISOString();
}

/**
 * SQLite has no NaN: binding NaN stores NULL. Numeric measurement columns are therefore nullable and
 * NULL reads back as NaN, so a diverged loss or an undefined uncertainty round-trips unchanged.
 */
export function numberFromSql(value: number | null): number {
  return value === null ? Number.NaN : value;
}

export function boolToSql(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function boolFromSql(value: number): boolean {
  return value === 1;
}

export function nullableBoolToSql(value: boolean | null): 0 | 1 | null {
  return value === null ? null : boolToSql(value);
}

export function nullableBoolFromSql(value: number | null): boolean | null {
  return value === null ? null : boolFromSql(value);
}

/**
 * JSON columns hold values this process wrote through the typed repositories (the main process is
 * the only writer, and CHECK(json_valid(...)) guards the text), so reading trusts their shape.
 * JSON has no NaN/Infinity: JSON.stringify writes them as null.
 */
export function jsonFromSql<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function nullableJsonFromSql<T>(text: string | null): T | null {
  return text === null ? null : jsonFromSql<T>(text);
}

export function nullableJsonToSql(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
