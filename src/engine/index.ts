/**
 * The audit core (the "Linter" of sopaudit): schema sets, standards and
 * branch documents in, findings and the report document out. Pure: no
 * files, no process, no clock; the shells (CLI, server) bring those.
 */
export { Auditor, SchemaChecker, fileStem, versionOf, type AuditorOptions, type BranchAudit, type LocatedFinding } from './audit';
export { SchemaError, StandardError, WaiversError } from './errors';
export { JSON_PROBLEM_CODES, MAX_BYTES, MAX_DEPTH, describeJsonProblem, parseJsonBytes, parseJsonText, quotedDetail, tooLargeDocument, type JsonDocument, type JsonProblem } from './json/document';
export { validateConfig, validateReport } from './internalSchemas';
export { findingsInList, keyedLists, valueAtAuditPath, type KeyedList, type RuleLike } from './lists';
export { longestIncreasing } from './compare/order';
export { isObject, isScalar, itemSegment, keyOf } from './compare/values';
export { escapeToken, parsePointer, valueAt, type PathToken } from './pointer';
export { buildReport, tally, tidyWaiver, type BaselineFinding, type ReportInput } from './report';
export { type Draft, type SchemaFile, type SchemaSet } from './schema/registry';
export { score } from './score';
export { SEVERITIES } from './schema/keywords';
export { daysLeft, isExpired, parseWaivers, waiverNames, type Waiver } from './waivers';
export type { BranchResult, Finding, Kind, Report, Rule, Severity, Summary } from '../generated/report';
