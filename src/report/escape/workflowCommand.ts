/**
 * Escaping for GitHub Actions workflow commands
 * (`::error file=…,line=…::message`), as the runner's own toolkit does it
 * (@actions/core `escapeData` / `escapeProperty`): the runner unescapes
 * exactly these, so every user string survives the round trip and none can
 * end the command early or start a new one on a line of its own.
 */

/** The message after `::`. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`file=`, `title=`): `:` and `,` would end it. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
