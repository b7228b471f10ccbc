/**
 * The audit core (the "Linter" of sopaudit): schema sets, standards and
 * branch documents in, findings and the report document out. Pure: no
 * files, no process, no clock; the shells (CLI, server) bring those.
 */
export { Auditor, SchemaChecker, fileStem, versionOf, type AuditorOptions, type BranchAudit, type LocatedFinding } from './audit';
export { SchemaError, StandardError, WaiversError } from './errors';
export { JSON_PROBLEM_CODES, MAX_BYTES, MAX_DEPTH, parseJsonBytes, parseJsonText, tooLargeDocument, type JsonDocument, type JsonProblem } from './json/document';
export { validateConfig, validateReport } from './internalSchemas';
export { escapeToken, parsePointer, toPointer, unescapeToken, valueAt, type PathToken } from './pointer';
export { buildReport, compareFindings, showValue, tidyWaiver, type BaselineFinding, type ReportInput } from './report';
export { draftOf, type Draft, type SchemaFile, type SchemaSet } from './schema/registry';
export { SEVERITY_WEIGHT, score } from './score';
export { daysLeft, isExpired, parseWaivers, type Waiver } from './waivers';
export type { BranchResult, Finding, Kind, Report, Rule, Severity, Summary } from '../generated/report';
