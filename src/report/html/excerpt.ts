/**
 * The lines around a position in a text, for a person to find a problem:
 * a few lines before and after, the line itself marked, and on it the
 * character at the column set apart. Columns count code points, as the
 * engine's positions do. Very long lines are cut to a window around the
 * column. Pure: the page escapes the pieces.
 */

export interface ExcerptLine {
  number: number;
  /** The line's text before the marked character (the whole line when not marked). */
  before: string;
  /** The character at the column, on the marked line ('' past its end). */
  at: string;
  after: string;
  here: boolean;
}

const WINDOW = 120;

export function excerptAround(text: string, line: number, column: number, before = 3, after = 2): ExcerptLine[] {
  const lines = text.split(/\r\n|\r|\n/);
  const first = Math.max(1, line - before);
  const last = Math.min(lines.length, line + after);
  const out: ExcerptLine[] = [];
  for (let n = first; n <= last; n++) {
    const chars = Array.from(lines[n - 1] ?? '');
    if (n !== line) {
      const cut = chars.length > WINDOW * 2;
      out.push({ number: n, before: cut ? chars.slice(0, WINDOW * 2).join('') + '…' : chars.join(''), at: '', after: '', here: false });
      continue;
    }
    const index = Math.max(0, column - 1);
    const from = Math.max(0, index - WINDOW);
    const to = Math.min(chars.length, index + WINDOW);
    out.push({
      number: n,
      before: (from > 0 ? '…' : '') + chars.slice(from, index).join(''),
      at: chars[index] ?? '',
      after: chars.slice(index + 1, to).join('') + (to < chars.length ? '…' : ''),
      here: true,
    });
  }
  return out;
}
