/**
 * Ajv's errors as `invalid` findings (rule `schema`) and a JSON problem as
 * one `invalid` finding (rule `json`). Findings are built from each error's
 * keyword and params, never by parsing Ajv's English message.
 */
import type { ErrorObject } from 'ajv';
import type { MessageId } from '../i18n';
import { en } from '../i18n/catalogs/en';
import type { RawFinding } from './compare/findings';
import type { JsonProblem } from './json/document';
import { MAX_BYTES, quotedDetail } from './json/document';
import { parsePointer, type PathToken } from './pointer';

export function jsonFinding(problem: JsonProblem): RawFinding {
  const params: Record<string, string | number> = {};
  if (problem.code === 'tooLarge') params.limit = Math.round(MAX_BYTES / (1024 * 1024));
  else if (problem.detail !== undefined && problem.code === 'tooDeep') params.limit = Number(problem.detail);
  else if (problem.detail !== undefined) params.token = quotedDetail(problem);
  return {
    path: '',
    kind: 'invalid',
    rule: 'json',
    severity: 'error',
    at: [],
    position: { line: problem.line, column: problem.column },
    messageId: `finding.invalid.json.${problem.code}`,
    params,
  };
}

export function schemaFindings(errors: readonly ErrorObject[]): RawFinding[] {
  const findings: RawFinding[] = [];
  const seen = new Set<string>();
  for (const error of withoutAlternativeNoise(errors)) {
    const identity = `${error.instancePath}\u0000${error.keyword}\u0000${JSON.stringify(error.params)}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    findings.push(toFinding(error));
  }
  return findings;
}

/**
 * When no alternative of a oneOf/anyOf fits, Ajv reports why each one failed,
 * then the oneOf/anyOf itself. The summary is what a person can act on.
 */
function withoutAlternativeNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const kept: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      const prefix = error.schemaPath + '/';
      for (let i = kept.length - 1; i >= 0; i--) {
        const earlier = kept[i];
        const below = earlier.instancePath === error.instancePath || earlier.instancePath.startsWith(error.instancePath + '/');
        if (below && earlier.schemaPath.startsWith(prefix)) kept.splice(i, 1);
      }
    }
    kept.push(error);
  }
  return kept;
}

function toFinding(error: ErrorObject): RawFinding {
  const at: PathToken[] = parsePointer(error.instancePath) ?? [];
  const params = messageParams(error);
  // An unexpected property exists, so point at it rather than at its object.
  if (typeof params.property === 'string' && (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties')) {
    at.push(params.property);
  }
  const exclusive = draft04Exclusive(error);
  const specific = `finding.invalid.schema.${exclusive ?? error.keyword}`;
  const finding: RawFinding = {
    path: error.instancePath,
    kind: 'invalid',
    rule: 'schema',
    severity: 'error',
    expected: exclusive ? { [error.keyword]: error.schema, [exclusive]: true } : { [error.keyword]: error.schema },
    at,
    messageId: (Object.prototype.hasOwnProperty.call(en, specific) ? specific : 'finding.invalid.schema') as MessageId,
    params,
  };
  if (error.data === null || typeof error.data !== 'object') {
    if (error.data !== undefined) finding.actual = error.data;
  }
  return finding;
}

/**
 * Draft-04 writes an exclusive bound as `minimum` plus `exclusiveMinimum: true`;
 * Ajv then reports `minimum` with the comparison `>`. The message must say
 * "above", not "at least".
 */
function draft04Exclusive(error: ErrorObject): 'exclusiveMinimum' | 'exclusiveMaximum' | undefined {
  const comparison = (error.params as { comparison?: unknown }).comparison;
  if (error.keyword === 'minimum' && comparison === '>') return 'exclusiveMinimum';
  if (error.keyword === 'maximum' && comparison === '<') return 'exclusiveMaximum';
  return undefined;
}

function messageParams(error: ErrorObject): Record<string, string | number> {
  const p = error.params as Record<string, unknown>;
  const out: Record<string, string | number> = { keyword: error.keyword };
  const show = (value: unknown): string => JSON.stringify(value);
  switch (error.keyword) {
    case 'type':
      out.type = Array.isArray(p.type) ? p.type.join(' | ') : String(p.type);
      break;
    case 'required':
      out.property = String(p.missingProperty);
      break;
    case 'additionalProperties':
      out.property = String(p.additionalProperty);
      break;
    case 'unevaluatedProperties':
      out.property = String(p.unevaluatedProperty);
      break;
    case 'enum':
      out.allowed = (Array.isArray(p.allowedValues) ? p.allowedValues : []).map(show).join(', ');
      break;
    case 'const':
      out.allowed = show(p.allowedValue);
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      out.limit = Number(p.limit);
      break;
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      out.count = Number(p.limit);
      break;
    case 'pattern':
      out.pattern = String(p.pattern);
      break;
    case 'format':
      out.format = String(p.format);
      break;
    default:
      break;
  }
  return out;
}
