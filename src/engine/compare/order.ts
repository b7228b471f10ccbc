/**
 * Which matched items are in order. With item identities unique on both
 * sides, one longest common subsequence of the two key lists is one longest
 * increasing subsequence of the standard's positions read in the branch's
 * order. Patience sorting finds it in O(n log n) time and O(n) memory, so a
 * 10 000-step list costs milliseconds, not an n×m table.
 */

/** Marks the members of one longest strictly increasing subsequence of `values`. */
export function longestIncreasing(values: readonly number[]): boolean[] {
  const n = values.length;
  const tails: number[] = [];
  const previous = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const member = new Array<boolean>(n).fill(false);
  for (let k = tails.length > 0 ? tails[tails.length - 1] : -1; k >= 0; k = previous[k]) member[k] = true;
  return member;
}
