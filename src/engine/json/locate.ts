/**
 * Finds where a raw path (property names and array indices) sits in the text
 * of a JSON document that JSON.parse has already accepted, as a 1-based line
 * and column. Columns count Unicode code points, as editors show characters
 * (a Telugu letter is one column, not three UTF-8 bytes).
 *
 * Why not keep a full syntax tree of every document: building one costs
 * several times what JSON.parse and validation cost together, and most of it
 * would be thrown away. The locator scans only when a finding needs a
 * position, skips the values it is not looking for, and remembers the
 * containers it has found, so the findings of one document share one pass.
 */
import { escapeToken, type PathToken } from '../pointer';

export interface Position {
  line: number;
  column: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

/** Code units between two saved counts of surrogate halves (see lowSurrogatesBefore). */
const CHECKPOINT = 1024;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Where a path was found: the member's key for an object member, else the value itself. */
interface Anchor {
  /** Offset of what a person would point at (the key of a member, the start of an item). */
  mark: number;
  /** Offset of the value. */
  value: number;
}

export class Locator {
  private readonly found = new Map<string, Anchor>();
  /** The members of every object looked into so far, by the object's offset; `next` is where the scan resumes (-1: done). */
  private readonly members = new Map<number, { found: Map<string, Anchor>; next: number }>();
  /** The item offsets of every array looked into so far, by the array's offset. */
  private readonly items = new Map<number, { offsets: number[]; next: number }>();
  private lineStarts: number[] | undefined;
  private checkpoints: number[] | undefined;
  private surrogates: boolean | undefined;

  constructor(private readonly text: string) {}

  /**
   * The position of the deepest existing prefix of `tokens`: the path itself
   * when it exists, otherwise its nearest existing ancestor.
   */
  position(tokens: readonly PathToken[]): Position {
    return this.lineColumn(this.anchor(tokens).mark);
  }

  /** Offset to 1-based line and code-point column. */
  lineColumn(offset: number): Position {
    const starts = this.lines();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = starts[lo];
    // The second half of a surrogate pair is not a character of its own.
    const column = 1 + (offset - start) - (this.lowSurrogatesBefore(offset) - this.lowSurrogatesBefore(start));
    return { line: lo + 1, column };
  }

  /**
   * How many second halves of surrogate pairs precede `offset`, from counts
   * kept every CHECKPOINT code units: a minified document is one long line,
   * and counting it from its start for each of thousands of findings would
   * cost the line's length every time.
   */
  private lowSurrogatesBefore(offset: number): number {
    // Most documents have no character outside the BMP: one native scan says so.
    this.surrogates ??= /[\uD800-\uDFFF]/.test(this.text);
    if (!this.surrogates) return 0;
    const text = this.text;
    if (!this.checkpoints) {
      const checkpoints = [0];
      let count = 0;
      for (let i = 0; i < text.length; i++) {
        if (i > 0 && i % CHECKPOINT === 0) checkpoints.push(count);
        if (isLowSurrogate(text.charCodeAt(i))) count++;
      }
      this.checkpoints = checkpoints;
    }
    const block = Math.min(Math.floor(offset / CHECKPOINT), this.checkpoints.length - 1);
    let count = this.checkpoints[block];
    for (let i = block * CHECKPOINT; i < offset; i++) if (isLowSurrogate(text.charCodeAt(i))) count++;
    return count;
  }

  private lines(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    let i = this.text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = this.text.indexOf('\n', i + 1);
    }
    this.lineStarts = starts;
    return starts;
  }

  private anchor(tokens: readonly PathToken[]): Anchor {
    let depth = tokens.length;
    let key = '';
    // Reuse the deepest prefix already found by an earlier lookup.
    const prefixes: string[] = [''];
    for (let i = 0; i < tokens.length; i++) {
      key += '/' + escapeToken(String(tokens[i]));
      prefixes.push(key);
    }
    let anchor: Anchor | undefined;
    for (depth = tokens.length; depth >= 0; depth--) {
      anchor = this.found.get(prefixes[depth]);
      if (anchor) break;
    }
    if (!anchor) {
      const start = this.skipWhitespace(0);
      anchor = { mark: start, value: start };
      this.found.set('', anchor);
      depth = 0;
    }
    for (let i = depth; i < tokens.length; i++) {
      const child = this.child(anchor.value, tokens[i]);
      if (!child) return anchor;
      anchor = child;
      this.found.set(prefixes[i + 1], anchor);
    }
    return anchor;
  }

  private child(valueOffset: number, token: PathToken): Anchor | undefined {
    const code = this.text.charCodeAt(valueOffset);
    if (code === OPEN_BRACE) return this.member(valueOffset, String(token));
    if (code === OPEN_BRACKET && typeof token === 'number') return this.item(valueOffset, token);
    if (code === OPEN_BRACKET && /^(0|[1-9]\d*)$/.test(String(token))) return this.item(valueOffset, Number(token));
    return undefined;
  }

  /**
   * A member of an object. Members are indexed as the scan passes them and
   * the scan stops at the one asked for, resuming there next time: a path
   * costs the text up to its target, and a document with thousands of
   * findings in one object (or one list) is still scanned once.
   */
  private member(objectOffset: number, name: string): Anchor | undefined {
    let index = this.members.get(objectOffset);
    if (!index) {
      index = { found: new Map(), next: this.skipWhitespace(objectOffset + 1) };
      this.members.set(objectOffset, index);
    }
    const known = index.found.get(name);
    if (known || index.next < 0) return known;
    const text = this.text;
    let i = index.next;
    while (text.charCodeAt(i) === QUOTE) {
      const keyStart = i;
      const keyEnd = this.skipString(i);
      const valueStart = this.skipWhitespace(this.skipWhitespace(keyEnd) + 1);
      const key = this.keyAt(keyStart, keyEnd);
      index.found.set(key, { mark: keyStart, value: valueStart });
      i = this.skipWhitespace(this.skipValue(valueStart));
      i = text.charCodeAt(i) === COMMA ? this.skipWhitespace(i + 1) : -1;
      index.next = i;
      // Documents with a repeated key never get here (they are not usable JSON), so the first match is the one.
      if (key === name) return index.found.get(name);
      if (i < 0) break;
    }
    index.next = -1;
    return undefined;
  }

  /** An item of an array, indexed as the scan passes it, as members are. */
  private item(arrayOffset: number, index: number): Anchor | undefined {
    let items = this.items.get(arrayOffset);
    if (!items) {
      const first = this.skipWhitespace(arrayOffset + 1);
      items = { offsets: [], next: this.text.charCodeAt(first) === CLOSE_BRACKET ? -1 : first };
      this.items.set(arrayOffset, items);
    }
    const text = this.text;
    while (items.offsets.length <= index && items.next >= 0) {
      const at = items.next;
      items.offsets.push(at);
      const after = this.skipWhitespace(this.skipValue(at));
      items.next = text.charCodeAt(after) === COMMA ? this.skipWhitespace(after + 1) : -1;
    }
    const at = items.offsets[index];
    return at === undefined ? undefined : { mark: at, value: at };
  }

  private keyAt(start: number, end: number): string {
    const raw = this.text.slice(start + 1, end - 1);
    return raw.indexOf('\\') === -1 ? raw : (JSON.parse(this.text.slice(start, end)) as string);
  }

  private skipWhitespace(i: number): number {
    const text = this.text;
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
    return i;
  }

  /** `i` is at an opening quote; returns the offset just past the closing one. */
  private skipString(i: number): number {
    const text = this.text;
    let j = i + 1;
    for (;;) {
      const close = text.indexOf('"', j);
      if (close === -1) return text.length;
      let backslashes = 0;
      for (let k = close - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
      if (backslashes % 2 === 0) return close + 1;
      j = close + 1;
    }
  }

  private skipValue(i: number): number {
    const text = this.text;
    const first = text.charCodeAt(i);
    if (first === QUOTE) return this.skipString(i);
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0;
      while (i < text.length) {
        const code = text.charCodeAt(i);
        if (code === QUOTE) {
          i = this.skipString(i);
          continue;
        }
        if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) return i + 1;
        }
        i++;
      }
      return i;
    }
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code)) break;
      i++;
    }
    return i;
  }
}
