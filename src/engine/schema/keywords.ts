/**
 * The comparison annotations of spec §2 and the JSON Schema keywords that
 * hold subschemas. Both the registry (which indexes every subschema) and the
 * rule tree (which follows them) read the keyword lists from here.
 */
import type { Rule, Severity } from '../../generated/report';

export type CompareRule = Exclude<Rule, 'schema' | 'json' | 'maxWords'> | 'ignore';

export const COMPARE_RULES: readonly CompareRule[] = [
  'exact', 'atLeast', 'atMost', 'superset', 'subset', 'set', 'sequence', 'ignore',
];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const X_COMPARE = 'x-compare';
export const X_KEY = 'x-key';
export const X_SEVERITY = 'x-severity';
export const X_MAX_WORDS = 'x-maxWords';
/**
 * Not a comparison rule: a place's name in each language, for reports
 * (`{"en": "Returns", "tr": "İadeler"}`), beside JSON Schema's own one-language `title`.
 */
export const X_TITLE = 'x-title';

/** Keywords whose value is an object of subschemas. */
export const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];
/** Keywords whose value is one subschema (or, for `items` before 2020-12, maybe an array). */
export const SCHEMA_KEYWORDS = [
  'additionalProperties', 'additionalItems', 'items', 'contains', 'propertyNames', 'not',
  'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
];
/** Keywords whose value is an array of subschemas. */
export const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];

/** Checks an x- annotation's value; returns why it is wrong, or undefined. */
export function annotationProblem(keyword: string, value: unknown): string | undefined {
  switch (keyword) {
    case X_COMPARE:
      return COMPARE_RULES.includes(value as CompareRule) ? undefined : `must be one of ${COMPARE_RULES.join(', ')}`;
    case X_SEVERITY:
      return SEVERITIES.includes(value as Severity) ? undefined : `must be one of ${SEVERITIES.join(', ')}`;
    case X_KEY:
      return typeof value === 'string' && value !== '' ? undefined : 'must be a property name (a non-empty string)';
    case X_MAX_WORDS:
      return Number.isInteger(value) && (value as number) >= 1 ? undefined : 'must be a whole number of at least 1';
    case X_TITLE:
      return isSchemaObject(value) && Object.values(value).every((title) => typeof title === 'string' && title.trim() !== '')
        ? undefined
        : 'must map language codes to names (e.g. {"en": "Returns", "tr": "İadeler"})';
    default:
      return undefined;
  }
}

export function isSchemaObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
