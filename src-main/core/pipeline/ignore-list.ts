/**
 * The gateway's own numbers (default `11111`): answering them made the original server loop
 * forever, so their messages are recorded as ignored and never acknowledged.
 */
export function createIgnoreMatcher(numbers: readonly string[]): (source: string) => boolean {
  const digits = new Set(numbers.map(onlyDigits).filter((n) => n.length > 0));
  return (source) => digits.has(onlyDigits(source));
}

function onlyDigits(value: string): string {
  return value.replace(/\D/g, '');
}
