/**
 * x-maxWords counting: the fast upper bound must never change a verdict of
 * Intl.Segmenter, whatever the script, punctuation or invisible characters.
 */
import fc from 'fast-check';
import { countWords, wordsOver } from '../../src/engine/compare/words';

const pieces = [
  'customer', 'e-mail', "branch's", '60', '1,000', 'a_b', 'x.y', 'müşteriyi', 'karşılayın', 'ग्राहक', 'स्वागत', '।',
  'வாடிக்கையாளரை', 'கேளுங்கள்', 'కస్టమర్‌ను', 'స్వాగతించండి', 'ใช้', 'ภาษาไทย', '顧客', 'お客様', '😀', '—', '…', '‍', ' ', ' ', '\n', ',', '.', '?', '’',
  // Characters whose category and word-break behaviour differ: a number that is no word, a symbol that is one, a narrow no-break space, a lone mark.
  '²', '½', '¸', '˂', '\u202f', '\u0301', '_', 'ʼ', '\u0600',
];

/** Ten places a character can stand, alone, between letters, between spaces, doubled, beside a mark or a digit. */
const contexts = [
  (c: string) => c, (c: string) => `a${c}a`, (c: string) => `a ${c} a`, (c: string) => c + c, (c: string) => `क${c}ि`,
  (c: string) => `1${c}2`, (c: string) => ` ${c}`, (c: string) => `ab${c}`, (c: string) => `${c} b`, (c: string) => `x ${c}${c} y z`,
];

/** wordsOver agrees with the segmenter's verdict on texts of up to 40 of these pieces, for limits up to `maxLimit`. */
function agreesOnTextsOf(alphabet: readonly string[], maxLimit: number, numRuns: number): void {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), fc.integer({ min: 1, max: maxLimit }), (parts, limit) => {
      const text = parts.join('');
      expect(wordsOver(text, limit)).toBe(verdict(text, limit));
    }),
    { numRuns },
  );
}

describe('word counting', () => {
  it('counts words in every script with Intl.Segmenter', () => {
    expect(countWords('కస్టమర్ చెప్పిన సమస్యను మళ్లీ చెప్పండి మరియు వారు సరిచేసేలా అవకాశం ఇవ్వండి ఆపై వ్రాయండి')).toBe(12);
    expect(countWords('Müşteriyi gülümseyerek karşılayın.')).toBe(3);
    expect(countWords('ग्राहक का मुस्कान के साथ स्वागत करें।')).toBe(7);
  });

  it('agrees with the exact count on whether a text is over its limit', () => {
    agreesOnTextsOf(pieces, 20, 2000);
  });

  it('agrees on arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (text, limit) => {
        expect(wordsOver(text, limit)).toBe(verdict(text, limit));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on texts mixing letters, marks, joiners and the characters between words', () => {
    const chars = ['a', 'b', 'ş', 'क', 'ि', '्', 'த', 'ு', '1', ' ', ' ', '\n', '-', "'", '.', ',', ':', '²', '¸', '\u200c', '\u200d', '_', '\u0301', '\u202f', '।'];
    agreesOnTextsOf(chars, 10, 3000);
  });

  it('agrees for every character the run count may take, in ten contexts each', () => {
    const disagreements: string[] = [];
    for (const code of ranges()) {
      for (const context of contexts) {
        const text = context(String.fromCharCode(code));
        for (const limit of [1, 2]) {
          if (wordsOver(text, limit) !== verdict(text, limit)) disagreements.push(`${JSON.stringify(text)} (U+${code.toString(16)}), limit ${limit}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('counts by the segmenter where a joiner or connector can fold a word into a segment that is no word', () => {
    // ZWJ before a symbol (WB3c), a connector before a mark, a Hebrew geresh before a format character.
    for (const text of ['Greet\u200D® the customer', 'ab_\u0301 cd ef', 'ab_\u00AD cd ef', 'שלום\'\u00AD עולם גדול']) {
      expect(wordsOver(text, 2)).toBe(verdict(text, 2));
    }
  });

  it('agrees for every character after or before each joining, connecting, invisible or spacing character', () => {
    const joiners = ranges().map((code) => String.fromCharCode(code))
      .filter((char) => /[\p{Cf}\p{Pc}\p{Zs}]/u.test(char) || "'.:,;·’‘״׳‧-\u0300\u0301\u093f\u094d\u0bcd\u0c4d".includes(char));
    const disagreements: string[] = [];
    for (const joiner of joiners) {
      for (const code of ranges()) {
        const char = String.fromCharCode(code);
        for (const text of [`ab${joiner}${char} cd ef`, `ab ${char}${joiner}cd ef`, `אב${joiner}${char} גד הו`]) {
          if (wordsOver(text, 2) !== verdict(text, 2)) disagreements.push(JSON.stringify(text));
        }
      }
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
  });
});

/** What wordsOver must answer: the segmenter's count when it is over the limit. */
function verdict(text: string, limit: number): number | undefined {
  const exact = countWords(text);
  return exact > limit ? exact : undefined;
}

/** Every code point the run count may take: below Thai, and Latin and Greek extended to general punctuation. */
function ranges(): number[] {
  const codes: number[] = [];
  for (const [from, to] of [[0, 0x0e00], [0x1e00, 0x2070]]) for (let code = from; code < to; code++) codes.push(code);
  return codes;
}
