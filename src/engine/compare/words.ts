/**
 * Word counting for x-maxWords: Intl.Segmenter's word-like segments, which
 * count right in every script (Telugu, Tamil and Devanagari words included).
 *
 * The segmenter is the slowest step of an audit, and almost every text is
 * well under its limit, so `wordsOver` first takes a cheap upper bound:
 * in scripts that ICU does not segment by dictionary (everything below Thai,
 * U+0E00, plus Latin and Greek extended and general punctuation such as the
 * zero-width non-joiner of Telugu and Hindi words), a word-like segment never
 * spans two runs of letters, marks, digits and connectors, so counting runs
 * can only overcount. Only a text whose bound
 * is over the limit (or that holds other scripts) is segmented exactly.
 */
// Made on first use: building it loads ICU's word-break data, which a run without a long text never needs.
let segmenter: Intl.Segmenter | undefined;

export function countWords(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
}

/** Whether the run bound holds for texts made of this character. */
function bounded(code: number): boolean {
  return code < 0x0e00 || (code >= 0x1e00 && code < 0x2070);
}
const RUN_CHAR = /^[\p{L}\p{M}\p{N}\p{Pc}]$/u;
/** Whether each character is part of a run, by 256-character block, classified on first use. */
const blocks: Array<Uint8Array | undefined> = new Array(0x2070 >> 8);

function inRun(code: number): boolean {
  const b = code >> 8;
  let block = blocks[b];
  if (!block) {
    block = new Uint8Array(256);
    for (let i = 0; i < 256; i++) block[i] = RUN_CHAR.test(String.fromCharCode((b << 8) | i)) ? 1 : 0;
    blocks[b] = block;
  }
  return block[code & 0xff] === 1;
}

/** Runs of word characters, or -1 when the text holds a script the bound does not cover. */
function runsUpTo(text: string, limit: number): number {
  let runs = 0;
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!bounded(code)) return -1;
    if (inRun(code)) {
      if (!inside && ++runs > limit) return runs;
      inside = true;
    } else {
      inside = false;
    }
  }
  return runs;
}

/** The word count when it exceeds `limit`, else undefined (counted exactly only when the bound cannot settle it). */
export function wordsOver(text: string, limit: number): number | undefined {
  // Every word is at least one character long.
  if (text.length <= limit) return undefined;
  const runs = runsUpTo(text, limit);
  if (runs !== -1 && runs <= limit) return undefined;
  const count = countWords(text);
  return count > limit ? count : undefined;
}
