/**
 * Word counting for x-maxWords: Intl.Segmenter's word-like segments, which
 * count right in every script (Telugu, Tamil and Devanagari words included).
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export function countWords(text: string): number {
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
}
