/**
 * The "interval wider than" field: empty means no width rule (null); otherwise a positive number,
 * or undefined when the text is not one (the field is then marked invalid and the rule not sent).
 */
export function parseWidthThreshold(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
