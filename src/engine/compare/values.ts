/**
 * Value helpers of the comparison: deep equality with object key order free,
 * and a canonical identity for matching array items by value.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

export function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!hasOwn(b as JsonObject, key) || !deepEqual((a as JsonObject)[key], (b as JsonObject)[key])) return false;
  }
  return true;
}

/** A string that two values share exactly when they are deep-equal (used for objects and arrays; scalars are their own key). */
export function identity(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 's' + value;
    case 'number':
      return 'n' + String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return value === null ? 'null' : 'j' + canonicalJson(value);
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (isObject(value)) {
    return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}';
  }
  return JSON.stringify(value);
}

/** The key value of an item of an x-key array, or undefined when it has none usable. */
export function keyOf(item: unknown, key: string): string | undefined {
  if (!isObject(item) || !hasOwn(item, key)) return undefined;
  const value = item[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** How an item of a value-matched array is named in an audit path: scalars by their value, others by position. */
export function valueSegment(item: unknown, index: number): string {
  return isScalar(item) ? String(item) : String(index);
}

/**
 * How an item is named in an audit path (spec §3): by its `x-key` value in a
 * keyed list (undefined when it has none), else as valueSegment names it.
 * The comparison, the keyed lists and the place titles all name items here,
 * so that their paths meet.
 */
export function itemSegment(key: string | undefined, item: unknown, index: number): string | undefined {
  return key !== undefined ? keyOf(item, key) : valueSegment(item, index);
}
