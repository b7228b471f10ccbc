/**
 * x-maxWords counting: the fast upper bound must never change a verdict of
 * Intl.Segmenter, whatever the script, punctuation or invisible characters.
 */
import fc from 'fast-check';
import { countWords, wordsOver } from '../../src/engine/compare/words';

const pieces = [
  'customer', 'e-mail', "branch's", '60', '1,000', 'a_b', 'x.y', 'müşteriyi', 'karşılayın', 'ग्राहक', 'स्वागत', '।',
  'வாடிக்கையாளரை', 'கேளுங்கள்', 'కస్టమర్‌ను', 'స్వాగతించండి', 'ใช้', 'ภาษาไทย', '顧客', 'お客様', '😀', '—', '…', '‍', ' ', ' ', '\n', ',', '.', '?', '’',
];

describe('word counting', () => {
  it('counts words in every script with Intl.Segmenter', () => {
    expect(countWords('కస్టమర్ చెప్పిన సమస్యను మళ్లీ చెప్పండి మరియు వారు సరిచేసేలా అవకాశం ఇవ్వండి ఆపై వ్రాయండి')).toBe(12);
    expect(countWords('Müşteriyi gülümseyerek karşılayın.')).toBe(3);
    expect(countWords('ग्राहक का मुस्कान के साथ स्वागत करें।')).toBe(7);
  });

  it('agrees with the exact count on whether a text is over its limit', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.integer({ min: 1, max: 20 }), (parts, limit) => {
        const text = parts.join('');
        const exact = countWords(text);
        expect(wordsOver(text, limit)).toBe(exact > limit ? exact : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (text, limit) => {
        const exact = countWords(text);
        expect(wordsOver(text, limit)).toBe(exact > limit ? exact : undefined);
      }),
      { numRuns: 2000 },
    );
  });
});
