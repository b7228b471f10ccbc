/**
 * English messages: the reference catalog. Every other locale has exactly
 * these ids with the same parameters (a test checks).
 *
 * Finding messages are keyed `finding.<kind>.<rule>`; schema violations add
 * the JSON Schema keyword, JSON problems their code. Each is one sentence.
 */
export const en = {
  // Comparison findings. {name}: the property or item; {expected}/{actual}: values.
  'finding.changed.exact': 'Is {actual} where the standard has {expected}.',
  'finding.changed.atLeast': 'Is {actual}, below the standard’s minimum of {expected}.',
  'finding.changed.atMost': 'Is {actual}, above the standard’s maximum of {expected}.',
  'finding.changed.superset': 'Is {actual} where the standard expects a list holding all of {expected}.',
  'finding.changed.subset': 'Is {actual} where the standard expects a list drawn from {expected}.',
  'finding.changed.set': 'Is {actual} where the standard expects a list of exactly {expected}.',
  'finding.changed.sequence': 'Is {actual} where the standard expects the list {expected}.',
  'finding.changed.maxWords': {
    one: 'Has {count} word, more than the {limit} allowed.',
    other: 'Has {count} words, more than the {limit} allowed.',
  },
  'finding.missing.exact': '{name} is missing; the standard has {expected}.',
  'finding.missing.atLeast': '{name} is missing; the standard requires at least {expected}.',
  'finding.missing.atMost': '{name} is missing; the standard allows at most {expected}.',
  'finding.missing.superset': 'The standard’s item {name} is missing.',
  'finding.missing.subset': '{name} is missing; the standard has {expected}.',
  'finding.missing.set': 'The standard’s item {name} is missing.',
  'finding.missing.sequence': 'The standard’s item {name} is missing.',
  'finding.extra.exact': '{name} is not in the standard.',
  'finding.extra.atLeast': '{name} is not in the standard.',
  'finding.extra.atMost': '{name} is not in the standard.',
  'finding.extra.superset': '{name} is not in the standard.',
  'finding.extra.subset': 'The item {name} is not one the standard allows.',
  'finding.extra.set': 'The item {name} is not in the standard’s list.',
  'finding.extra.sequence': 'The item {name} is not in the standard’s list.',
  'finding.reordered.sequence': 'The item {name} is at position {actual}; in the standard’s order it comes at {expected}.',

  // Schema violations, by JSON Schema keyword. {limit}, {property}, {allowed}, {type}, {pattern}, {format}.
  'finding.invalid.schema': 'Breaks the schema’s “{keyword}” rule.',
  'finding.invalid.schema.type': 'Must be of type {type}.',
  'finding.invalid.schema.required': 'Lacks the required property {property}.',
  'finding.invalid.schema.additionalProperties': 'Has the property {property}, which the schema does not allow.',
  'finding.invalid.schema.enum': 'Must be one of {allowed}.',
  'finding.invalid.schema.const': 'Must be {allowed}.',
  'finding.invalid.schema.minimum': 'Must be at least {limit}.',
  'finding.invalid.schema.maximum': 'Must be at most {limit}.',
  'finding.invalid.schema.exclusiveMinimum': 'Must be more than {limit}.',
  'finding.invalid.schema.exclusiveMaximum': 'Must be less than {limit}.',
  'finding.invalid.schema.minLength': {
    one: 'Must be at least {count} character long.',
    other: 'Must be at least {count} characters long.',
  },
  'finding.invalid.schema.maxLength': {
    one: 'Must be at most {count} character long.',
    other: 'Must be at most {count} characters long.',
  },
  'finding.invalid.schema.minItems': {
    one: 'Must hold at least {count} item.',
    other: 'Must hold at least {count} items.',
  },
  'finding.invalid.schema.maxItems': {
    one: 'Must hold at most {count} item.',
    other: 'Must hold at most {count} items.',
  },
  'finding.invalid.schema.uniqueItems': 'Must not repeat an item.',
  'finding.invalid.schema.pattern': 'Must match the pattern {pattern}.',
  'finding.invalid.schema.format': 'Must be a valid {format}.',
  'finding.invalid.schema.oneOf': 'Must match exactly one of the forms the schema allows.',
  'finding.invalid.schema.anyOf': 'Must match one of the forms the schema allows.',
  'finding.invalid.schema.unevaluatedProperties': 'Has the property {property}, which the schema does not allow.',

  // Files that are not usable JSON.
  'finding.invalid.json.empty': 'The file is empty; a JSON document was expected.',
  'finding.invalid.json.encoding': 'The file is not valid UTF-8 text.',
  'finding.invalid.json.syntax': 'Is not valid JSON: unexpected {token}.',
  'finding.invalid.json.unexpectedEnd': 'Is not valid JSON: the file ends too early.',
  'finding.invalid.json.duplicateKey': 'The key {token} appears twice in one object, so which value counts is ambiguous.',
  'finding.invalid.json.tooDeep': 'Nests deeper than {limit} levels.',
  'finding.invalid.json.tooLarge': 'Is larger than the limit of {limit} MB.',

  // Labels of the formats and pages.
  'severity.error': 'error',
  'severity.warning': 'warning',
  'severity.info': 'info',
  'label.branch': 'branch',
  'label.score': 'score',
  'label.waived': 'waived',
  'label.existing': 'in baseline',
  'summary.findings': { one: '{count} finding', other: '{count} findings' },
  'summary.bySeverity': '{errors} errors, {warnings} warnings, {infos} info',
  'summary.conforming': '{count} of {branches} branches conform',
  'summary.waived': { one: '{count} waived', other: '{count} waived' },
  'summary.baseline': '{new} new and {fixed} fixed since the baseline',
  'summary.validated': '{valid} valid, {invalid} invalid',
} as const;

export type MessageId = keyof typeof en;
