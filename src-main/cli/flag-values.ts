/** Parsing of option values given as text, with one-line messages that name the option. */

/** Parses "a,b,c" into numbers, naming the option when a value is not a number. */
export function parseNumberList(option: string, text: string): number[] {
  return text.split(',').map((part) => {
    const value = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`--${option} takes comma-separated numbers (e.g. 128,128), got "${text}".`);
    }
    return value;
  });
}

export function parseNumber(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new Error(`--${option} takes a number, got "${text}".`);
  return value;
}

export function parseList(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}

/** A number strictly between 0 and 1 (a share, e.g. of a spectrum's energy). */
export function parseFraction(option: string, text: string | undefined): number | undefined {
  const value = parseNumber(option, text);
  if (value !== undefined && (value <= 0 || value >= 1))
    throw new Error(`--${option} takes a number between 0 and 1 (e.g. 0.9), got "${text}".`);
  return value;
}

/** A share in percent, 0 to 100 inclusive (e.g. the share of records referred to a person). */
export function parsePercent(option: string, text: string | undefined): number | undefined {
  const value = parseNumber(option, text);
  if (value !== undefined && (value < 0 || value > 100))
    throw new Error(`--${option} takes a percentage from 0 to 100 (e.g. 10), got "${text}".`);
  return value;
}

/** A number above zero (e.g. an interval width). */
export function parsePositive(option: string, text: string | undefined): number | undefined {
  const value = parseNumber(option, text);
  if (value !== undefined && value <= 0)
    throw new Error(`--${option} takes a number above 0, got "${text}".`);
  return value;
}

/** Comma-separated positive whole numbers (ranks), at most `max` of them. */
export function parsePositiveIntegers(option: string, text: string, max: number): number[] {
  const values = parseNumberList(option, text);
  if (values.some((v) => !Number.isInteger(v) || v < 1))
    throw new Error(`--${option} takes positive whole numbers (e.g. 2,4,8), got "${text}".`);
  if (values.length > max) throw new Error(`--${option} takes at most ${max} values, got ${values.length}.`);
  return values;
}

/** A run id as typed on the command line: a positive whole number. */
export function parseRunId(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 1)
    throw new Error(`Run ids are positive whole numbers, got "${text}".`);
  return value;
}

/** One of a fixed set of words (e.g. --method), naming the choices when the value is none of them. */
export function parseChoice<T extends string>(
  option: string,
  choices: readonly T[],
  text: string | undefined
): T | undefined {
  if (text === undefined) return undefined;
  const choice = choices.find((c) => c === text);
  if (choice === undefined) throw new Error(`--${option} takes one of ${choices.join(', ')}; got "${text}".`);
  return choice;
}

/** The pointer that ends a message about a command's arguments. */
export function seeHelp(command: string): string {
  return `see: npm run sbnn -- ${command} --help`;
}
