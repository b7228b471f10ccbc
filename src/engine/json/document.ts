/**
 * Turns the bytes of a JSON file into its value and a locator for positions,
 * or into a problem with a line and column when the file is not usable JSON.
 *
 * Every branch takes the fast path: V8's JSON.parse, then one iterative walk
 * that measures nesting depth and counts keys. Only a file that fails there
 * (broken syntax, or a key count that hints at a repeated key) is parsed
 * again with momoa, the position-keeping parser, to say exactly where.
 */
import { isUtf8 } from 'node:buffer';
import { parse as momoaParse, type AnyNode, type DocumentNode } from '@humanwhocodes/momoa';
import { Locator, type Position } from './locate';

/** Documents nest far less than this; deeper ones are refused before anything recurses into them. */
export const MAX_DEPTH = 256;
/** Larger files are refused unread. */
export const MAX_BYTES = 8 * 1024 * 1024;

/** Every reason a file is not usable JSON (the API's OpenAPI document lists them too). */
export const JSON_PROBLEM_CODES = ['empty', 'encoding', 'syntax', 'unexpectedEnd', 'duplicateKey', 'tooDeep', 'tooLarge'] as const;
export type JsonProblemCode = (typeof JSON_PROBLEM_CODES)[number];

/** Why a file is not usable JSON, and where. */
export interface JsonProblem {
  code: JsonProblemCode;
  line: number;
  column: number;
  /** The offending token, repeated key, or limit, depending on the code. */
  detail?: string;
}

export interface JsonDocument {
  readonly text: string;
  /** The parsed value; undefined when `problem` is set. */
  readonly value: unknown;
  readonly problem?: JsonProblem;
  readonly locator: Locator;
}

/**
 * The problem in a few English words, for the errors about sopaudit's own
 * files (config, schema, standard, waivers), which are not findings and so
 * have no catalog message: `unexpected "}"`, `the key "a" appears twice`.
 */
export function describeJsonProblem(problem: JsonProblem): string {
  const detail = problem.detail ?? '';
  const quoted = quotedDetail(problem);
  switch (problem.code) {
    case 'empty': return 'the file is empty';
    case 'encoding': return 'the bytes are not UTF-8 text';
    case 'syntax': return `unexpected ${quoted}`;
    case 'unexpectedEnd': return 'the text ends too early';
    case 'duplicateKey': return `the key ${quoted} appears twice in one object`;
    case 'tooDeep': return `values nest deeper than ${detail} levels`;
    case 'tooLarge': return `the file is larger than ${detail} bytes`;
  }
}

/** Decodes UTF-8 bytes (dropping a byte-order mark, as editors do) and parses them. */
export function parseJsonBytes(bytes: Uint8Array): JsonDocument {
  if (bytes.length > MAX_BYTES) return tooLargeDocument();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // Invalid bytes decode to U+FFFD; only a text holding one needs the full check.
  if (text.includes('\uFFFD') && !isUtf8(bytes)) {
    return failed(text, { code: 'encoding', ...new Locator(text).lineColumn(text.indexOf('\uFFFD')) });
  }
  return parseJsonText(text);
}

/** What a file over MAX_BYTES becomes, so that the shell need not read it. */
export function tooLargeDocument(): JsonDocument {
  return failed('', { code: 'tooLarge', line: 1, column: 1, detail: String(MAX_BYTES) });
}

export function parseJsonText(input: string): JsonDocument {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') return failed(text, { code: 'empty', line: 1, column: 1 });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return failed(text, syntaxProblem(text, (error as Error).message));
  }
  const shape = measure(value);
  if (shape.depth > MAX_DEPTH) return failed(text, tooDeep(text));
  if (!keysMatch(text, shape.keys)) {
    const duplicate = findDuplicateKey(text);
    if (duplicate) return failed(text, duplicate);
  }
  return { text, value, locator: new Locator(text) };
}

/** Where nesting first goes past MAX_DEPTH: the bracket that opens one level too many. */
function tooDeep(text: string): JsonProblem {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) {
      // Skip the string: to its closing quote, past escaped characters.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (code === 123 || code === 91) {
      if (++depth > MAX_DEPTH) return { code: 'tooDeep', ...new Locator(text).lineColumn(i), detail: String(MAX_DEPTH) };
    } else if (code === 125 || code === 93) {
      depth--;
    }
  }
  return { code: 'tooDeep', line: 1, column: 1, detail: String(MAX_DEPTH) };
}

function failed(text: string, problem: JsonProblem): JsonDocument {
  return { text, value: undefined, problem, locator: new Locator(text) };
}

/** Depth and total number of object keys, walked without recursion. */
function measure(root: unknown): { depth: number; keys: number } {
  let keys = 0;
  let maxDepth = 0;
  const stack: unknown[] = [root];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const value = stack.pop();
    const depth = depths.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) {
      maxDepth = depth;
      if (maxDepth > MAX_DEPTH) break;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item !== null && typeof item === 'object') {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value) {
        keys++;
        const item = (value as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') {
          stack.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return { depth: maxDepth, keys };
}

/**
 * Counts the colons that follow an unescaped quote (whitespace allowed
 * between): every key ends that way, and otherwise only a string value
 * that starts with a colon does. So the count is at least the number of
 * keys written, which is at least the parsed key count (JSON.parse keeps
 * one value per repeated key): equality proves that no key was repeated,
 * and anything else is settled by momoa. One native search per colon: a
 * branch file has about as many colons as keys.
 */
function keysMatch(text: string, keys: number): boolean {
  let count = 0;
  for (let k = text.indexOf(':'); k !== -1; k = text.indexOf(':', k + 1)) {
    let q = k - 1;
    while (isJsonWhitespace(text.charCodeAt(q))) q--;
    if (text.charCodeAt(q) === 34 && unescapedQuote(text, q)) count++;
  }
  return count === keys;
}

function isJsonWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Whether the quote at `index` ends a string (is not preceded by an odd run of backslashes). */
function unescapedQuote(text: string, index: number): boolean {
  let backslashes = 0;
  for (let k = index - 1; text.charCodeAt(k) === 92; k--) backslashes++;
  return backslashes % 2 === 0;
}

/** `message` is JSON.parse's, consulted only where momoa accepts what JSON.parse refused. */
function syntaxProblem(text: string, message: string): JsonProblem {
  const locator = new Locator(text);
  try {
    momoaParse(text, { mode: 'json' });
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(text);
    const raw = (error as { offset?: unknown }).offset;
    const offset = typeof raw === 'number' ? raw : 0;
    const token = tokenAt(text, offset);
    // momoa's errors all have the name "Error"; their classes say what happened.
    const name = (error as Error).constructor?.name;
    // momoa blames the last value when the text stops inside an array or object.
    const lastValue = token !== '}' && token !== ']' && text.slice(offset + token.length).trim() === '';
    if (name === 'UnexpectedEOF' || lastValue) {
      return { code: 'unexpectedEnd', ...locator.lineColumn(text.trimEnd().length) };
    }
    return { code: 'syntax', ...locator.lineColumn(offset), detail: token };
  }
  // JSON.parse refused what momoa accepts (a raw control character inside a
  // string): V8 names the offset in its message; without one, the start.
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Math.min(Number(at[1]), text.length) : 0;
  return { code: 'syntax', ...locator.lineColumn(offset), detail: tokenAt(text, offset) };
}

/** A short excerpt of the text where parsing stopped, for the message (shown as JSON, so a raw tab reads `"\t"`). */
function tokenAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const word = /^("(?:[^"\\\n\u0000-\u001f]|\\.){0,20}"?|[A-Za-z0-9_.+-]{1,20}|[\s\S])/u.exec(rest);
  return word ? word[0] : '';
}

/** How a problem's detail is quoted in a message: a string token as written, anything else as a JSON string. */
export function quotedDetail(problem: JsonProblem): string {
  const detail = problem.detail ?? '';
  const asWritten = problem.code === 'syntax' && detail.length > 1 && detail.startsWith('"') && !/[\u0000-\u001f]/.test(detail);
  return asWritten ? detail : JSON.stringify(detail);
}

function findDuplicateKey(text: string): JsonProblem | undefined {
  let ast: DocumentNode;
  try {
    ast = momoaParse(text, { mode: 'json' });
  } catch {
    return undefined;
  }
  const locator = new Locator(text);
  const stack: AnyNode[] = [ast.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'Object') {
      const seen = new Set<string>();
      for (const member of node.members) {
        const name = member.name.type === 'String' ? member.name.value : member.name.name;
        if (seen.has(name)) {
          return { code: 'duplicateKey', ...locator.lineColumn(member.name.loc.start.offset), detail: name };
        }
        seen.add(name);
        stack.push(member.value);
      }
    } else if (node.type === 'Array') {
      for (const element of node.elements) stack.push(element.value);
    }
  }
  return undefined;
}

export type { Position };
