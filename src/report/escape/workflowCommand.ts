/**
 * Escaping for GitHub Actions workflow commands
 * (`::error file=…,line=…::message`), as the runner's own toolkit does it
 * (@actions/core `escapeData` / `escapeProperty`): the runner unescapes
 * exactly these, so every user string survives the round trip and none can
 * end the command early or start a new one on a line of its own.
 */

/**
 * The message after `::`. Other control characters (an escape sequence in a
 * step key) have no escape of their own: they become U+FFFD, so they still
 * show without acting on the log viewer.
 */
export function escapeData(value: string): string {
  return value
    .replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '\uFFFD');
}

/** A property value (`file=`, `title=`): `:` and `,` would end it. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
