/**
 * Compares one branch document with the standard, place by place, by the
 * rules of the rule tree (spec §2), and lists every divergence (spec §3).
 * It also adds up the weight of the checks that pass, for the score.
 *
 * Two paths are kept side by side while walking: the raw one (property
 * names and array indices, to find a position in the branch's text) and the
 * audit path (x-key items named by key, scalar items by value). A reordered
 * finding's expected and actual are the item's positions (from 1) in the
 * standard's list and in the branch's.
 */
import type { Kind, Rule, Severity } from '../../generated/report';
import type { MessageId } from '../../i18n';
import { escapeToken, type PathToken } from '../pointer';
import type { CompareRule } from '../schema/keywords';
import type { RuleNode, RuleTree } from '../schema/ruleTree';
import { SEVERITY_WEIGHT, type RawFinding } from './findings';
import { longestIncreasing } from './order';
import { deepEqual, hasOwn, identity, isObject, isScalar, itemSegment, keyOf, valueSegment, type JsonObject } from './values';
import { wordsOver } from './words';

type ArrayRule = 'superset' | 'subset' | 'set' | 'sequence';

export interface Comparison {
  findings: RawFinding[];
  /** Summed weight of the checks that passed. */
  passed: number;
}

/** Rules under which a branch must hold every item of the standard. */
const NEEDS_ALL: ReadonlySet<CompareRule> = new Set(['superset', 'set', 'sequence']);
/** Rules under which a branch may hold no item the standard lacks. */
const FORBIDS_EXTRA: ReadonlySet<CompareRule> = new Set(['subset', 'set', 'sequence']);

/**
 * Compares branches with one standard. What depends only on the standard
 * (the index of a keyed list, the identities of a list's items) is worked out
 * on the first branch and kept, since the standard does not change in a run.
 */
export class Comparer {
  /** Keyed lists of the standard: key value → first index. */
  readonly keyIndexes = new WeakMap<unknown[], Map<string, number>>();
  /** Value-matched lists of the standard, their items grouped by value. */
  readonly identities = new WeakMap<unknown[], IdentityIndex>();
  private readonly memberLists = new WeakMap<object, { node: RuleNode; members: readonly Member[] }>();

  constructor(
    readonly tree: RuleTree,
    readonly standard: unknown,
    /** Raw tokens of the branch id's place (spec §1 branchId): it differs in every branch by definition, so it is never compared. */
    readonly branchIdPath?: readonly string[],
  ) {}

  compare(branch: unknown): Comparison {
    const walk = new Walk(this);
    // A root that is neither object nor array only gets its schema findings.
    if (branch !== null && typeof branch === 'object') walk.value(this.tree.root, this.standard, branch, 'error');
    return { findings: walk.findings, passed: walk.passed };
  }

  /** The standard object's properties with their rule nodes and values, in the standard's order. */
  members(node: RuleNode, std: JsonObject): readonly Member[] {
    let cached = this.memberLists.get(std);
    if (!cached || cached.node !== node) {
      cached = { node, members: Object.keys(std).map((name) => member(name, node.property(name), std[name])) };
      this.memberLists.set(std, cached);
    }
    return cached.members;
  }

  keyIndex(std: unknown[], key: string): Map<string, number> {
    let index = this.keyIndexes.get(std);
    if (!index) {
      index = new Map();
      for (let i = 0; i < std.length; i++) {
        const k = keyOf(std[i], key);
        if (k !== undefined && !index.has(k)) index.set(k, i);
      }
      this.keyIndexes.set(std, index);
    }
    return index;
  }

  identityIndex(std: unknown[]): IdentityIndex {
    let index = this.identities.get(std);
    if (!index) {
      index = new IdentityIndex(std);
      this.identities.set(std, index);
    }
    return index;
  }
}

/**
 * The items of a value-matched list of the standard, grouped by value: the
 * positions of each distinct value, in the order values first appear.
 * Scalars are looked up as themselves (a Map tells 1 from "1" and true from
 * "true"), without building a string per item; objects and arrays by their
 * canonical JSON, in a map of their own so that no string can pass for one.
 */
class IdentityIndex {
  readonly groups: number[][] = [];
  private readonly scalars = new Map<unknown, number[]>();
  private readonly objects = new Map<string, number[]>();

  constructor(std: readonly unknown[]) {
    for (let i = 0; i < std.length; i++) {
      const item = std[i];
      const map: Map<unknown, number[]> = isScalar(item) ? this.scalars : this.objects;
      const key = isScalar(item) ? item : identity(item);
      const group = map.get(key);
      if (group) {
        group.push(i);
      } else {
        const fresh = [i];
        this.groups.push(fresh);
        map.set(key, fresh);
      }
    }
  }

  /** The standard's positions of the items equal to `item`. */
  lookup(item: unknown): number[] | undefined {
    return isScalar(item) ? this.scalars.get(item) : this.objects.get(identity(item));
  }
}

/** A property of a standard object, with its rule node: worked out once per run. */
interface Member {
  name: string;
  node: RuleNode;
  value: unknown;
  /**
   * Set when the standard's value is a scalar whose rule needs nothing but
   * the branch's value (no oneOf/anyOf choice, no x-maxWords): most of a
   * document. Such a member is compared in place, without the general walk.
   */
  leaf?: 'exact' | 'atLeast' | 'atMost' | 'ignore';
}

function member(name: string, node: RuleNode, value: unknown): Member {
  if (node.chooses || node.maxWords !== undefined || !isScalar(value)) return { name, node, value };
  const rule = node.compare ?? 'exact';
  const numeric = (rule === 'atLeast' || rule === 'atMost') && typeof value === 'number';
  const leaf = rule === 'exact' || rule === 'ignore' ? rule : numeric ? rule : undefined;
  return leaf ? { name, node, value, leaf } : { name, node, value };
}

/** The rule a property or item carries when it is missing or extra. */
function ruleOf(node: RuleNode, value: unknown): CompareRule {
  return node.compare ?? (Array.isArray(value) && node.key !== undefined ? 'sequence' : 'exact');
}

class Walk {
  readonly findings: RawFinding[] = [];
  passed = 0;
  private readonly raw: PathToken[] = [];
  /** Audit path segments, unescaped: escaping waits until a finding needs the path. */
  private readonly audit: string[] = [];
  private readonly tree: RuleTree;

  constructor(private readonly comparer: Comparer) {
    this.tree = comparer.tree;
  }

  value(unresolved: RuleNode, std: unknown, br: unknown, inherited: Severity): void {
    const node = unresolved.resolve(std);
    const severity = node.severity ?? inherited;
    this.words(node, br, severity);
    const rule = node.compare;
    switch (rule) {
      case 'ignore':
        this.wordsBelow(node, br, severity);
        return;
      case 'exact':
        this.exact(node, std, br, severity);
        return;
      case 'atLeast':
      case 'atMost':
        this.bound(node, rule, std, br, severity);
        return;
      case 'superset':
      case 'subset':
      case 'set':
      case 'sequence':
        this.array(node, rule, std, br, severity);
        return;
      default:
        this.byShape(node, std, br, severity);
    }
  }

  /**
   * No x-compare: objects property by property, keyed arrays in sequence,
   * arrays of objects or with positional schemas item by item, the rest exact.
   */
  private byShape(node: RuleNode, std: unknown, br: unknown, severity: Severity): void {
    if (isObject(std)) {
      if (isObject(br)) this.object(node, std, br, severity);
      else this.exact(node, std, br, severity);
    } else if (Array.isArray(std)) {
      if (node.key !== undefined) this.array(node, 'sequence', std, br, severity);
      else if (!Array.isArray(br) || (!node.positional && std.every(isScalar))) this.exact(node, std, br, severity);
      else this.tuple(node, std, br, severity);
    } else {
      this.exact(node, std, br, severity);
    }
  }

  private exact(node: RuleNode, std: unknown, br: unknown, severity: Severity): void {
    this.equal(std, br, severity);
    this.wordsBelow(node, br, severity);
  }

  private bound(node: RuleNode, rule: 'atLeast' | 'atMost', std: unknown, br: unknown, severity: Severity): void {
    if (typeof std !== 'number') {
      this.exact(node, std, br, severity);
      return;
    }
    this.limit(rule, std, br, severity);
    this.wordsBelow(node, br, severity);
  }

  /** The `exact` check itself, at the current place or (`member`) at one of its members. */
  private equal(std: unknown, br: unknown, severity: Severity, member?: string): void {
    if (deepEqual(std, br)) this.pass(severity);
    else this.reportAt(member, 'changed', 'exact', severity, { expected: std, actual: br });
  }

  /** The `atLeast` / `atMost` check itself, at the current place or (`member`) at one of its members. */
  private limit(rule: 'atLeast' | 'atMost', limit: number, br: unknown, severity: Severity, member?: string): void {
    if (typeof br !== 'number') {
      // Not a number cannot be compared with a limit: say so rather than call it too high or too low.
      this.reportAt(member, 'changed', rule, severity, { expected: limit, actual: br }, `finding.changed.${rule}.notNumber`);
    } else if (rule === 'atMost' ? br <= limit : br >= limit) {
      this.pass(severity);
    } else {
      this.reportAt(member, 'changed', rule, severity, { expected: limit, actual: br });
    }
  }

  private object(node: RuleNode, std: JsonObject, br: JsonObject, severity: Severity): void {
    let present = 0;
    const members = this.comparer.members(node, std);
    for (let m = 0; m < members.length; m++) {
      const { name, node: child, value } = members[m];
      if (!hasOwn(br, name)) {
        if (!this.isBranchId(name)) this.missing(child.resolve(value), name, value, severity, 'finding.missing.property');
        continue;
      }
      present++;
      if (this.isBranchId(name)) continue;
      const actual = br[name];
      if (members[m].leaf !== undefined && (actual === null || typeof actual !== 'object')) {
        this.leaf(members[m], actual, child.severity ?? severity);
        continue;
      }
      this.enter(name, name);
      this.value(child, value, actual, severity);
      this.leave();
    }
    // Usually every key of the branch is one of the standard's: counting tells without a lookup each.
    let keys = 0;
    for (const name in br) if (hasOwn(br, name)) keys++;
    if (keys === present) return;
    for (const name of Object.keys(br)) {
      if (hasOwn(std, name) || this.isBranchId(name)) continue;
      const child = node.property(name).resolve(br[name]);
      const rule = ruleOf(child, br[name]);
      this.enter(name, name);
      if (rule !== 'ignore') {
        // A property the schema allows but the standard lacks is a local addition.
        const level = node.allows(name) ? 'info' : (child.severity ?? severity);
        this.report('extra', rule, level, { actual: br[name] }, undefined, 'finding.extra.property');
      }
      this.wordsAll(child, br[name], severity);
      this.leave();
    }
  }

  /** A scalar member with a leaf rule (see Member), and a scalar branch value: what value() would do, without the walk. */
  private leaf(m: Member, actual: unknown, severity: Severity): void {
    const rule = m.leaf;
    if (rule === 'exact') this.equal(m.value, actual, severity, m.name);
    else if (rule === 'atLeast' || rule === 'atMost') this.limit(rule, m.value as number, actual, severity, m.name);
  }

  /** A finding at the current place, or at its member `member`. */
  private reportAt(
    member: string | undefined, kind: Kind, rule: Rule, severity: Severity,
    values: { expected?: unknown; actual?: unknown }, messageId?: MessageId,
  ): void {
    if (member === undefined) {
      this.report(kind, rule, severity, values, undefined, messageId);
      return;
    }
    this.enter(member, member);
    this.report(kind, rule, severity, values, undefined, messageId);
    this.leave();
  }

  /** Arrays without a rule that hold objects, or whose schema rules each position: compared item by item, by position. */
  private tuple(node: RuleNode, std: unknown[], br: unknown[], severity: Severity): void {
    const length = Math.max(std.length, br.length);
    for (let i = 0; i < length; i++) {
      const item = node.item(i);
      if (i >= br.length) {
        this.missing(item.resolve(std[i]), String(i), std[i], severity);
        continue;
      }
      this.enter(i, String(i));
      if (i < std.length) {
        this.value(item, std[i], br[i], severity);
      } else {
        const resolved = item.resolve(br[i]);
        const rule = ruleOf(resolved, br[i]);
        if (rule !== 'ignore') this.report('extra', rule, resolved.severity ?? severity, { actual: br[i] });
        this.wordsAll(resolved, br[i], severity);
      }
      this.leave();
    }
  }

  private array(node: RuleNode, rule: ArrayRule, std: unknown, br: unknown, severity: Severity): void {
    if (!Array.isArray(std)) {
      this.exact(node, std, br, severity);
      return;
    }
    if (!Array.isArray(br)) {
      this.report('changed', rule, severity, { expected: std, actual: br });
      this.wordsBelow(node, br, severity);
      return;
    }
    if (node.key !== undefined) this.keyedArray(node, node.key, rule, std, br, severity);
    else this.valueArray(node, rule, std, br, severity);
  }

  /** x-key arrays: items matched by key, compared property by property. */
  private keyedArray(node: RuleNode, key: string, rule: ArrayRule, std: unknown[], br: unknown[], severity: Severity): void {
    const stdIndex = this.comparer.keyIndex(std, key);
    const seen = new Set<string>();
    const pairs: Pair[] = [];
    for (let j = 0; j < br.length; j++) {
      const item = br[j];
      const k = keyOf(item, key);
      if (k === undefined || seen.has(k)) {
        // An item without its key, or a repeat of a key: extra whatever the rule.
        const why = k === undefined ? { id: 'finding.extra.noKey' as const, key } : { id: 'finding.extra.repeatedKey' as const, key };
        this.extraItem(node, rule, item, j, k ?? String(j), severity, why);
        continue;
      }
      seen.add(k);
      const i = stdIndex.get(k);
      if (i !== undefined) pairs.push({ i, j, segment: k });
      else if (FORBIDS_EXTRA.has(rule)) this.extraItem(node, rule, item, j, k, severity);
      else this.branchOnlyItem(node, item, j, k, severity);
    }
    if (NEEDS_ALL.has(rule) && pairs.length < stdIndex.size) {
      for (const [k, i] of stdIndex) {
        if (!seen.has(k)) this.missingItem(node, rule, std[i], i, k, severity);
      }
    }
    const outOfOrder = rule === 'sequence' ? outsideLongestOrder(pairs) : undefined;
    for (let n = 0; n < pairs.length; n++) {
      const { i, j, segment } = pairs[n];
      const itemNode = node.item(j);
      this.enter(j, segment);
      const itemSeverity = itemNode.resolve(std[i]).severity ?? severity;
      if (outOfOrder?.[n]) this.report('reordered', 'sequence', itemSeverity, { expected: i + 1, actual: j + 1 });
      else this.pass(itemSeverity);
      this.value(itemNode, std[i], br[j], severity);
      this.leave();
    }
  }

  /** Arrays matched by value (a multiset: each item of the standard pairs with one equal item). */
  private valueArray(node: RuleNode, rule: ArrayRule, std: unknown[], br: unknown[], severity: Severity): void {
    const waiting = this.comparer.identityIndex(std);
    // How many of each group of equal items the branch has matched so far.
    const taken = new Map<number[], number>();
    const pairs: Pair[] = [];
    for (let j = 0; j < br.length; j++) {
      const item = br[j];
      const indices = waiting.lookup(item);
      const used = indices ? taken.get(indices) ?? 0 : 0;
      if (indices && used < indices.length) {
        taken.set(indices, used + 1);
        pairs.push({ i: indices[used], j, segment: valueSegment(item, j) });
      } else if (FORBIDS_EXTRA.has(rule)) {
        this.extraItem(node, rule, item, j, valueSegment(item, j), severity);
      } else {
        this.branchOnlyItem(node, item, j, valueSegment(item, j), severity);
      }
    }
    if (NEEDS_ALL.has(rule)) {
      for (const indices of waiting.groups) {
        for (let n = taken.get(indices) ?? 0; n < indices.length; n++) {
          const i = indices[n];
          this.missingItem(node, rule, std[i], i, valueSegment(std[i], i), severity);
        }
      }
    }
    const outOfOrder = rule === 'sequence' ? outsideLongestOrder(pairs) : undefined;
    for (let n = 0; n < pairs.length; n++) {
      const { i, j, segment } = pairs[n];
      const itemNode = node.item(j).resolve(br[j]);
      const itemSeverity = itemNode.severity ?? severity;
      this.enter(j, segment);
      if (outOfOrder?.[n]) this.report('reordered', 'sequence', itemSeverity, { expected: i + 1, actual: j + 1 });
      else this.pass(itemSeverity);
      this.wordsAll(itemNode, br[j], severity);
      this.leave();
    }
  }

  private extraItem(
    node: RuleNode, rule: Rule, item: unknown, index: number, segment: string, severity: Severity,
    why?: { id: MessageId; key: string },
  ): void {
    const itemNode = node.item(index).resolve(item);
    this.enter(index, segment);
    this.report('extra', rule, itemNode.severity ?? severity, { actual: item }, why && { key: why.key }, why?.id);
    this.wordsAll(itemNode, item, severity);
    this.leave();
  }

  /** An item the rule allows the branch to add: not compared, but its texts are still counted. */
  private branchOnlyItem(node: RuleNode, item: unknown, index: number, segment: string, severity: Severity): void {
    if (!this.tree.hasMaxWords) return;
    this.enter(index, segment);
    this.wordsAll(node.item(index).resolve(item), item, severity);
    this.leave();
  }

  private missingItem(node: RuleNode, rule: Rule, item: unknown, index: number, segment: string, severity: Severity): void {
    const itemNode = node.item(index).resolve(item);
    this.reportBelow('missing', rule, itemNode.severity ?? severity, segment, { expected: item });
  }

  /** A property or tuple item of the standard that the branch lacks. */
  private missing(child: RuleNode, segment: string, std: unknown, severity: Severity, messageId?: MessageId): void {
    const rule = ruleOf(child, std);
    if (rule === 'ignore') return;
    this.reportBelow('missing', rule, child.severity ?? severity, segment, { expected: std }, messageId);
  }

  private words(node: RuleNode, br: unknown, severity: Severity): void {
    if (node.maxWords === undefined || typeof br !== 'string') return;
    const count = wordsOver(br, node.maxWords);
    if (count === undefined) this.pass(severity);
    else this.report('changed', 'maxWords', severity, { expected: node.maxWords, actual: br }, { count, limit: node.maxWords });
  }

  /** x-maxWords holds for the branch's own texts wherever they are, compared or not. */
  private wordsAll(node: RuleNode, br: unknown, inherited: Severity): void {
    if (!this.tree.hasMaxWords) return;
    const severity = node.severity ?? inherited;
    this.words(node, br, severity);
    this.wordsBelow(node, br, severity);
  }

  private wordsBelow(node: RuleNode, br: unknown, severity: Severity): void {
    if (!this.tree.hasMaxWords || br === null || typeof br !== 'object') return;
    if (Array.isArray(br)) {
      br.forEach((item, j) => {
        this.enter(j, itemSegment(node.key, item, j) ?? String(j));
        this.wordsAll(node.item(j).resolve(item), item, severity);
        this.leave();
      });
    } else {
      for (const name of Object.keys(br)) {
        const item = (br as JsonObject)[name];
        this.enter(name, name);
        this.wordsAll(node.property(name).resolve(item), item, severity);
        this.leave();
      }
    }
  }

  /** Whether the member `name` of the object being compared is the branch id. */
  private isBranchId(name: string): boolean {
    const path = this.comparer.branchIdPath;
    if (!path || this.raw.length !== path.length - 1 || name !== path[path.length - 1]) return false;
    for (let i = 0; i < this.raw.length; i++) if (String(this.raw[i]) !== path[i]) return false;
    return true;
  }

  private pass(severity: Severity): void {
    this.passed += SEVERITY_WEIGHT[severity];
  }

  private enter(raw: PathToken, audit: string): void {
    this.raw.push(raw);
    this.audit.push(audit);
  }

  private leave(): void {
    this.raw.pop();
    this.audit.pop();
  }

  private report(
    kind: Kind, rule: Rule, severity: Severity,
    values: { expected?: unknown; actual?: unknown },
    params?: Record<string, string | number>,
    messageId?: MessageId,
  ): void {
    const finding = this.finding(kind, rule, severity, this.auditPath(), this.raw.slice(), values, params);
    if (messageId) finding.messageId = messageId;
    this.findings.push(finding);
  }

  /** A finding one level below the current place, located at the current place (its parent). */
  private reportBelow(kind: Kind, rule: Rule, severity: Severity, segment: string, values: { expected?: unknown }, messageId?: MessageId): void {
    const finding = this.finding(kind, rule, severity, this.auditPath() + '/' + escapeToken(segment), this.raw.slice(), values);
    if (messageId) finding.messageId = messageId;
    this.findings.push(finding);
  }

  private finding(
    kind: Kind, rule: Rule, severity: Severity, path: string, at: PathToken[],
    values: { expected?: unknown; actual?: unknown }, params?: Record<string, string | number>,
  ): RawFinding {
    const finding: RawFinding = { path, kind, rule, severity, at };
    if ('expected' in values) finding.expected = values.expected;
    if ('actual' in values) finding.actual = values.actual;
    if (params) finding.params = params;
    return finding;
  }

  private auditPath(): string {
    let path = '';
    for (const segment of this.audit) path += '/' + escapeToken(segment);
    return path;
  }
}

/** A standard item (index i) matched with a branch item (index j), and the branch item's audit segment. */
interface Pair {
  i: number;
  j: number;
  segment: string;
}

/**
 * Which matched pairs (in branch order) fall outside one longest common
 * subsequence; undefined when all are in the standard's order, the usual case.
 */
function outsideLongestOrder(pairs: readonly Pair[]): boolean[] | undefined {
  let sorted = true;
  for (let n = 1; n < pairs.length && sorted; n++) sorted = pairs[n - 1].i < pairs[n].i;
  if (sorted) return undefined;
  return longestIncreasing(pairs.map((p) => p.i)).map((inOrder) => !inOrder);
}

