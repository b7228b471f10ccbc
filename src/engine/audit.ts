/**
 * The auditor: a schema set and a standard, compiled once, then applied to
 * one branch document at a time. Pure: it receives parsed documents and
 * returns findings with their positions; reading files is the shell's job.
 */
import { createHash } from 'node:crypto';
import { Comparer } from './compare/compare';
import type { RawFinding } from './compare/findings';
import { StandardError } from './errors';
import { describeJsonProblem, parseJsonText, type JsonDocument } from './json/document';
import { parsePointer, valueAt } from './pointer';
import { SchemaRegistry, type SchemaSet } from './schema/registry';
import { RuleTree } from './schema/ruleTree';
import { compileValidator, type SchemaValidator } from './schema/validator';
import { hasFindingsIn, keyedLists, valueAtAuditPath, type KeyedList } from './lists';
import { jsonFinding, schemaFindings } from './schemaFindings';

/** A finding located in its file (line and column instead of raw tokens), not yet worded, waived or sorted. */
export type LocatedFinding = Omit<RawFinding, 'at' | 'position'> & { line: number; column: number };

/** One branch's audit before waivers and scoring. Plain data: it crosses worker threads. */
export interface BranchAudit {
  id: string;
  file: string;
  valid: boolean;
  /** Summed weight of the checks that passed. */
  passed: number;
  findings: LocatedFinding[];
  /** The branch's display name (see nameTokensBeside), so that pages need not read the file again for it. */
  name?: string;
  /**
   * With AuditorOptions.keepOwnLists: the branch's own keyed lists that have
   * findings in them, by audit path (absent when none has), so that report
   * pages can lay them beside the standard's without reading the file again.
   * Only those lists: the rest of the document is not kept.
   */
  ownLists?: Record<string, unknown>;
}

/**
 * A schema set compiled once: its validator and its rule tree. Validating a
 * document needs only this; auditing needs a standard too.
 */
export class SchemaChecker {
  readonly warnings: readonly string[];
  readonly validator: SchemaValidator;
  readonly tree: RuleTree;

  constructor(schema: SchemaSet) {
    const registry = new SchemaRegistry(schema);
    this.validator = compileValidator(registry);
    this.warnings = this.validator.warnings;
    this.tree = new RuleTree(registry, this.validator);
  }

  /** Checks one document against the schema only (`sopaudit validate`). */
  validate(file: string, document: JsonDocument, branchId = DEFAULT_BRANCH_ID): BranchAudit {
    if (document.problem) return brokenAudit(file, document);
    const findings = schemaFindings(this.validator.validate(document.value)).map((f) => locate(document, f));
    return { id: textAt(document.value, parsePointer(branchId) ?? []) ?? fileStem(file), file, valid: findings.length === 0, passed: 0, findings };
  }
}

export interface AuditorOptions {
  standard: { file: string; text: string };
  /** JSON Pointer to the branch id inside a document. */
  branchId?: string;
  /** Hand over each branch's keyed lists that have findings (BranchAudit.ownLists). */
  keepOwnLists?: boolean;
}

const DEFAULT_BRANCH_ID = '/branch/id';

export class Auditor {
  readonly standardFile: string;
  readonly standardVersion: string;
  /** The standard's keyed lists (see engine/lists.ts), for the report's side-by-side views. */
  readonly keyedLists: readonly KeyedList[];
  private readonly comparer: Comparer;
  /** Tokens of the branch id's place, and of the name beside it (see nameTokensBeside): parsed once, read in every document. */
  private readonly idTokens: readonly string[];
  private readonly nameTokens?: readonly string[];
  /** Each keyed list's key by path, when the audit keeps branches' own lists. */
  private readonly listKeys?: ReadonlyMap<string, string>;

  constructor(
    readonly checker: SchemaChecker,
    options: AuditorOptions,
  ) {
    this.standardFile = options.standard.file;
    const standard = this.checkStandard(options.standard.file, options.standard.text);
    const idTokens = parsePointer(options.branchId ?? DEFAULT_BRANCH_ID);
    this.idTokens = idTokens ?? [];
    if (idTokens && idTokens.length > 0) this.nameTokens = nameTokensBeside(idTokens);
    this.comparer = new Comparer(checker.tree, standard.value, idTokens);
    this.checkConsistent(options.standard.file, standard);
    this.standardVersion = versionOf(standard.value, options.standard.text);
    this.keyedLists = keyedLists(checker.tree.root, standard.value);
    if (options.keepOwnLists) this.listKeys = new Map(this.keyedLists.map((list) => [list.path, list.key]));
  }

  /** The standard's parsed document. */
  get standard(): unknown {
    return this.comparer.standard;
  }

  audit(file: string, document: JsonDocument): BranchAudit {
    if (document.problem) return brokenAudit(file, document);
    const value = document.value;
    const errors = schemaFindings(this.checker.validator.validate(value));
    const comparison = this.comparer.compare(value);
    const findings: LocatedFinding[] = [];
    for (const finding of errors) findings.push(locate(document, finding));
    for (const finding of comparison.findings) findings.push(locate(document, finding));
    const audit: BranchAudit = { id: textAt(value, this.idTokens) ?? fileStem(file), file, valid: errors.length === 0, passed: comparison.passed, findings };
    const name = this.nameTokens && textAt(value, this.nameTokens, true);
    if (name !== undefined) audit.name = name;
    if (this.listKeys) {
      const ownLists = this.listsWithFindings(value, findings, this.listKeys);
      if (ownLists) audit.ownLists = ownLists;
    }
    return audit;
  }

  private listsWithFindings(value: unknown, findings: readonly LocatedFinding[], keys: ReadonlyMap<string, string>): Record<string, unknown> | undefined {
    let kept: Record<string, unknown> | undefined;
    for (const list of this.keyedLists) {
      if (!hasFindingsIn(findings, list)) continue;
      kept ??= {};
      kept[list.path] = valueAtAuditPath(value, list.path, keys);
    }
    return kept;
  }

  /**
   * The standard must keep its own comparison rules (texts within x-maxWords,
   * keyed items with unique keys), or a branch identical to it would diverge.
   * Comparing it with itself finds exactly those breaches.
   */
  private checkConsistent(file: string, standard: JsonDocument): void {
    const [first] = this.comparer.compare(standard.value).findings;
    if (first) {
      const at = standard.locator.position(first.at);
      const key = first.params?.key;
      const detail = first.rule === 'maxWords'
        ? `it has ${first.params?.count} words, more than x-maxWords ${first.params?.limit}`
        : first.messageId === 'finding.extra.noKey'
          ? `the item has no "${key}" property, the list's x-key`
          : first.messageId === 'finding.extra.repeatedKey'
            ? `the list's x-key "${key}" repeats this value`
            : `${first.kind} under its own rule ${first.rule}`;
      throw new StandardError(`${file}:${at.line}:${at.column}: the standard breaks its own rule at "${first.path}": ${detail}`);
    }
  }

  private checkStandard(file: string, text: string): JsonDocument {
    const document = parseJsonText(text);
    if (document.problem) {
      const { line, column } = document.problem;
      throw new StandardError(`${file}:${line}:${column}: the standard is not valid JSON: ${describeJsonProblem(document.problem)}`);
    }
    const [first] = this.checker.validator.validate(document.value);
    if (first) {
      const at = document.locator.position(parsePointer(first.instancePath) ?? []);
      throw new StandardError(
        `${file}:${at.line}:${at.column}: the standard breaks its own schema at "${first.instancePath || '/'}": ${first.message ?? first.keyword}`,
      );
    }
    return document;
  }
}

/** A file that is not usable JSON: its one finding, and the id its name gives it. */
function brokenAudit(file: string, document: JsonDocument): BranchAudit {
  return { id: fileStem(file), file, valid: false, passed: 0, findings: [locate(document, jsonFinding(document.problem!))] };
}

/** The string at these tokens, when it is not empty (nor, with `trimmed`, only spaces). */
function textAt(value: unknown, tokens: readonly string[], trimmed = false): string | undefined {
  const text = valueAt(value, tokens);
  return typeof text === 'string' && (trimmed ? text.trim() : text) !== '' ? text : undefined;
}

/**
 * Where a branch's display name is: the string `name` beside its id
 * (`/branch/name` for the id at `/branch/id`), when the document has one.
 */
function nameTokensBeside(idTokens: readonly string[]): string[] {
  return [...idTokens.slice(0, -1), 'name'];
}

function locate(document: JsonDocument, finding: RawFinding): LocatedFinding {
  const { at, position, ...rest } = finding;
  return { ...rest, ...(position ?? document.locator.position(at)) };
}

/** The branch id a file gets when its document names none: its name without `.json`. */
export function fileStem(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.json$/i, '');
}

/** The standard's own top-level "version" string when it has one, else a hash of its text. */
export function versionOf(standard: unknown, text: string): string {
  const own = valueAt(standard, ['version']);
  if (typeof own === 'string' && own !== '') return own;
  return 'sha256:' + createHash('sha256').update(text).digest('hex').slice(0, 12);
}
