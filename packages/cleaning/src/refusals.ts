/**
 * Source files ferry refuses to clean, and the one line the run reports for each. Both engines use these words:
 * the local engine directly, the Spark job through its rendered copy (`{source}` is the file name).
 */
export const REFUSALS = {
  carriage_return: '{source} has a carriage return: lines must end with \\n alone',
} as const;

export type RefusalKind = keyof typeof REFUSALS;

export function refusal(kind: RefusalKind, source: string): string {
  return REFUSALS[kind].replace('{source}', source);
}
