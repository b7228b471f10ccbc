/**
 * A user string for a terminal line: branch files come from franchise
 * owners, and an escape sequence in a step key would recolour (or rewrite)
 * the reader's terminal, a line break would forge a finding line of its own.
 * Line breaks and every other control character (C0, DEL, C1) become a space.
 */
export function terminalText(value: string): string {
  return value.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ');
}
