import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { AppError } from '@shared/contract/errors';

/** A delimited text file read into a header and rows of raw (untrimmed) cells, all of the header's width. */
export interface ParsedTable {
  fileName: string;
  columns: string[];
  rows: string[][];
  delimiter: string;
}

/** Wider files are refused: a one-hot of that many inputs is not a tabular model this app can train. */
export const MAX_COLUMNS = 10_000;

const DELIMITERS = [',', ';', '\t', '|'];
/** parseTable reports progress every this many rows. */
const PROGRESS_EVERY_ROWS = 5000;
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Share of control or replacement characters above which content is taken for a binary file. */
const BINARY_SHARE = 0.1;
const BINARY_SAMPLE_CHARS = 65_536;

function badData(message: string, where: { file: string; row?: number; column?: string }): AppError {
  return new AppError('BAD_DATA', message, where);
}

/** SHA-256 of the file's bytes, as lowercase hex (the dataset's identity in the database). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Decodes a file's bytes as UTF-8, dropping a byte-order mark. Refuses binary content and any
 * other encoding rather than guessing: a mis-decoded category would silently become a new one.
 */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) {
    throw badData(`"${fileName}" is empty. Choose a CSV or TSV file with a header row and data rows.`, {
      file: fileName
    });
  }
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16Bom && bytes.subarray(0, BINARY_SAMPLE_CHARS).includes(0)) {
    throw badData(
      `"${fileName}" looks like a binary file (it contains NUL bytes), not delimited text. ` +
        'Export the data as CSV (comma- or semicolon-separated) or TSV and import that file.',
      { file: fileName }
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const line = utf16Bom ? undefined : firstInvalidUtf8Line(bytes);
    const where = utf16Bom ? ' (it is UTF-16)' : ` (the first byte that is not UTF-8 is on line ${line})`;
    throw badData(
      `"${fileName}" is not valid UTF-8 text${where}. ` +
        'Open it in a spreadsheet or text editor, save the file as UTF-8 (CSV UTF-8), and import it again.',
      { file: fileName, row: line }
    );
  }
}

/**
 * 1-based line of the first byte that breaks UTF-8. A streaming decoder accepts a prefix that ends
 * mid-character, so "this prefix is valid" is monotone in its length and a binary search finds the
 * longest valid prefix in O(log n) decodes.
 */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const mid = (valid + invalid) >>> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      valid = mid;
    } catch {
      invalid = mid;
    }
  }
  let line = 1;
  for (let i = 0; i < valid; i++) if (bytes[i] === 10) line++;
  return line;
}

function looksBinary(content: string): boolean {
  const sample = content.slice(0, BINARY_SAMPLE_CHARS);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    const control = (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127 || c === 0xfffd;
    if (control) odd++;
  }
  return sample.length > 0 && odd / sample.length > BINARY_SHARE;
}

/**
 * 1-based line number (as an editor counts) of the record starting at `offset`. Skipped blank lines
 * sit between the previous record's end and this one's first character, so they are stepped over first.
 */
function lineAt(content: string, offset: number): number {
  let start = offset;
  while (start < content.length && /[\r\n \t]/.test(content.charAt(start))) start++;
  let line = 1;
  for (let i = 0; i < start; i++) {
    const c = content.charCodeAt(i);
    if (c === 10 || (c === 13 && content.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

function checkHeader(header: string[], file: string, line: number): string[] {
  if (header.length > MAX_COLUMNS) {
    throw badData(
      `"${file}" has ${header.length} columns; at most ${MAX_COLUMNS} are supported. ` +
        'Remove unused columns before importing, or check that the delimiter is right.',
      { file, row: line }
    );
  }
  const columns = header.map((name) => name.trim());
  const seen = new Map<string, number>();
  columns.forEach((name, i) => {
    if (name === '') {
      throw badData(
        `Column ${i + 1} of "${file}" has no name in the header row (line ${line}). Give every column a name.`,
        { file, row: line, column: `#${i + 1}` }
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw badData(
        `The column name "${name}" appears twice in the header of "${file}" (columns ${first + 1} and ${i + 1}). ` +
          'Rename one of them so every column name is unique.',
        { file, row: line, column: name }
      );
    }
    seen.set(name, i);
  });
  return columns;
}

/**
 * Parses delimited text with papaparse. The delimiter is detected among comma, semicolon, tab and
 * pipe (always tab for .tsv/.tab files); quotes, embedded delimiters and newlines inside quotes, CRLF
 * and a BOM are handled. Row numbers in errors are line numbers as an editor counts them (line 1 = first line).
 */
export function parseTable(
  content: string,
  fileName: string,
  onProgress?: (fraction: number) => void
): ParsedTable {
  const file = fileName;
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (text.trim() === '') {
    throw badData(`"${file}" is empty. Choose a CSV or TSV file with a header row and data rows.`, { file });
  }
  if (looksBinary(text)) {
    throw badData(
      `"${file}" looks like a binary file, not delimited text. ` +
        'Export the data as CSV (comma- or semicolon-separated) or TSV and import that file.',
      { file }
    );
  }

  const forcedTab = /\.(tsv|tab)$/i.test(fileName);
  const records: string[][] = [];
  const starts: number[] = [];
  let cursor = 0;
  const quoteErrors: { record: number; message: string }[] = [];
  let delimiter = ',';
  Papa.parse<string[]>(text, {
    delimiter: forcedTab ? '\t' : '',
    delimitersToGuess: DELIMITERS,
    // Blank lines must be skipped during delimiter guessing too, or a trailing newline defeats it.
    skipEmptyLines: 'greedy',
    step: (result) => {
      const quote = result.errors.find((e) => e.code === 'MissingQuotes');
      if (quote) quoteErrors.push({ record: records.length, message: quote.message });
      delimiter = result.meta.delimiter;
      records.push(result.data);
      starts.push(cursor);
      cursor = result.meta.cursor;
      if (onProgress && records.length % PROGRESS_EVERY_ROWS === 0) onProgress(cursor / text.length);
    }
  });

  const firstQuoteError = quoteErrors[0];
  if (firstQuoteError) {
    const row = lineAt(text, starts[firstQuoteError.record] ?? 0);
    throw badData(
      `"${file}" has a quoting problem starting at line ${row} (${firstQuoteError.message.toLowerCase()}). ` +
        'Check that every opening quote " has its closing quote, then import again.',
      { file, row }
    );
  }

  // Blank lines were skipped by the parser, so the first record is the header.
  const headerLine = lineAt(text, 0);
  const columns = checkHeader(records[0] ?? [], file, headerLine);
  const rows: string[][] = [];
  let firstBad: { index: number; fields: number } | null = null;
  let badCount = 0;
  for (let i = 1; i < records.length; i++) {
    const record = records[i] as string[];
    if (record.length !== columns.length) {
      badCount++;
      if (firstBad === null) firstBad = { index: i, fields: record.length };
      continue;
    }
    rows.push(record);
  }
  if (firstBad) {
    const row = lineAt(text, starts[firstBad.index] ?? 0);
    const sep = DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter);
    throw badData(
      `Line ${row} of "${file}" has ${firstBad.fields} fields but the header has ${columns.length} ` +
        `(${badCount} row${badCount === 1 ? '' : 's'} in all have the wrong number of fields; delimiter: ${sep}). ` +
        'Quote values that contain the delimiter, or fix the row, then import again.',
      { file, row }
    );
  }
  if (rows.length === 0) {
    throw badData(
      `"${file}" has a header row but no data rows. Add at least one row of data below the header.`,
      { file, row: headerLine + 1 }
    );
  }
  return { fileName, columns, rows, delimiter };
}

/**
 * The first `count` data rows of a stored (already validated) table, for the preview: only the
 * start of the file is parsed, so a dataset of any size opens at once.
 */
export function previewRows(content: string, delimiter: string, count: number): string[][] {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', preview: count + 1 });
  return parsed.data.slice(1);
}
