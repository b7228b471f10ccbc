/**
 * Word counting for x-maxWords: Intl.Segmenter's word-like segments, which
 * count right in every script (Telugu, Tamil and Devanagari words included).
 *
 * The segmenter is the slowest step of an audit, and almost every text is
 * well under its limit, so `wordsOver` first counts runs of letters, marks,
 * digits and connectors. In scripts that ICU does not segment by dictionary
 * (everything below Thai, U+0E00, plus Latin and Greek extended and general
 * punctuation), a word-like segment never spans two runs, so the runs are an
 * upper bound; and when a space stands between every two runs and each run
 * holds a letter or digit, they are exactly the words. Only a text the runs
 * cannot settle (over its limit without being exact, or holding another
 * script or a character the bound does not trust) is segmented.
 */
// Made on first use (the first text longer than its limit): building it loads ICU's word-break data.
let segmenter: Intl.Segmenter | undefined;

export function countWords(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
}

/** Whether the run bound may hold for texts made of this character (no dictionary-segmented script). */
function bounded(code: number): boolean {
  return code < 0x0e00 || (code >= 0x1e00 && code < 0x2070);
}
/**
 * Characters of runs: letters, marks, decimal and letter digits, connectors.
 * Other numbers (², ½) are not: inside a run ("x²y") they split two words.
 */
const RUN_CHAR = /^[\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}]$/u;
/** A letter or digit: a run without one (only marks or connectors) may not be a word. */
const CORE_CHAR = /^[\p{L}\p{Nd}\p{Nl}]$/u;
const OUTSIDE = 1;
const IN_RUN = 2;
const CORE = 3;
/** A character the categories do not settle (see classOf): texts holding one are segmented exactly. */
const UNSURE = 4;
/**
 * Added to the class of invisible format characters (joiners, soft hyphen,
 * direction marks) and connectors (_): the runs stay an upper bound, but
 * segmentation can fold a word into a segment that is not word-like around
 * them ("Greet\u200D®", "ab_\u0301", Hebrew "'" then a format character),
 * so a text holding one is not counted by its runs alone.
 */
const INEXACT = 8;
const INEXACT_CHAR = /^[\p{Cf}\p{Pc}]$/u;
/** Each character's class, by code point below U+2070, worked out on first sight (0: not yet). */
const classes = new Uint8Array(0x2070);

/**
 * What a character is to the bound, from its category, confirmed with the
 * segmenter itself: a run character must join the letters around it, a
 * letter or digit must be a word on its own, and any other character must
 * be none, alone or repeated. A few symbols and signs break what their
 * category suggests (¸ and ˂ are words on their own, as are the Arabic
 * number signs; two narrow no-break spaces make one), so they are not
 * trusted to the bound.
 */
function classOf(code: number): number {
  let kind = classes[code];
  if (kind === 0) {
    const char = String.fromCharCode(code);
    if (CORE_CHAR.test(char)) kind = countWords(`a${char}a`) === 1 && countWords(` ${char} `) === 1 ? CORE : UNSURE;
    else if (RUN_CHAR.test(char)) kind = countWords(`a${char}a`) === 1 ? IN_RUN : UNSURE;
    else kind = countWords(` ${char} `) === 0 && countWords(` ${char}${char} `) === 0 ? OUTSIDE : UNSURE;
    if (kind !== UNSURE && INEXACT_CHAR.test(char)) kind |= INEXACT;
    classes[code] = kind;
  }
  return kind;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Runs of word characters (-1 when the text holds a character the bound does
 * not cover), and whether they are exactly the words: when every run holds a
 * letter or digit, every gap between two runs holds a space, and the text
 * holds no format character or connector (INEXACT), no rule of word
 * segmentation joins two runs (that needs one joining character between
 * them: "don't", "3.14") or leaves one out.
 */
function runsUpTo(text: string, limit: number): { runs: number; exact: boolean } {
  let runs = 0;
  let inside = false;
  let exact = true;
  let core = true;
  let spaced = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind = bounded(code) ? classOf(code) : UNSURE;
    if (kind === UNSURE) return { runs: -1, exact: false };
    if (kind & INEXACT) {
      exact = false;
      kind &= ~INEXACT;
    }
    if (kind !== OUTSIDE) {
      if (!inside) {
        exact &&= core && spaced;
        core = false;
        inside = true;
        // Past the limit, only an exact count is worth finishing.
        if (++runs > limit && !exact) return { runs, exact };
      }
      if (kind === CORE) core = true;
    } else {
      if (inside) spaced = false;
      inside = false;
      if (isSpace(code)) spaced = true;
    }
  }
  return { runs, exact: exact && core };
}

/** The word count when it exceeds `limit`, else undefined (counted exactly only when the bound cannot settle it). */
export function wordsOver(text: string, limit: number): number | undefined {
  // Every word is at least one character long.
  if (text.length <= limit) return undefined;
  const { runs, exact } = runsUpTo(text, limit);
  if (runs !== -1 && runs <= limit) return undefined;
  const count = exact ? runs : countWords(text);
  return count > limit ? count : undefined;
}
