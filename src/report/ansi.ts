/** ANSI styling that collapses to plain text when colour is off. */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
}

const style = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const identity = (s: string) => s;

const COLORED: Paint = {
  red: style(31, 39), yellow: style(33, 39), blue: style(34, 39), green: style(32, 39), dim: style(2, 22), underline: style(4, 24),
};
const PLAIN: Paint = { red: identity, yellow: identity, blue: identity, green: identity, dim: identity, underline: identity };

export function paint(color: boolean): Paint {
  return color ? COLORED : PLAIN;
}
