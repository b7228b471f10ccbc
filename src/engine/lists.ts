/**
 * Keyed lists (arrays with `x-key`, such as a procedure's steps): where the
 * standard has them, and which of a branch's findings fall in one. Worked
 * out from the rule tree over the standard once per run; the result is plain
 * data. The report lays each list with findings side by side, and the audit
 * can hand over a branch's own lists so the report need not read it again.
 */
import { itemSegment, keyOf } from './compare/values';
import { MAX_DEPTH } from './json/document';
import { escapeToken, parsePointer, valueAt } from './pointer';

/** What this module needs of a rule tree node (the engine's RuleNode fits). */
export interface RuleLike {
  readonly compare?: string;
  readonly key?: string;
  resolve(value: unknown): RuleLike;
  property(name: string): RuleLike;
  item(index: number): RuleLike;
}

export interface KeyedList {
  /** Audit path of the list, e.g. `/procedures/returns/steps`. */
  path: string;
  /** The property that identifies an item, e.g. `id`. */
  key: string;
}

const ARRAY_RULES = new Set(['sequence', 'set', 'superset', 'subset']);

/** Every keyed list of the standard, by audit path, in document order. */
export function keyedLists(root: RuleLike, standard: unknown): KeyedList[] {
  const found: KeyedList[] = [];
  const walk = (unresolved: RuleLike, value: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const node = unresolved.resolve(value);
    if (node.compare === 'ignore') return;
    if (Array.isArray(value)) {
      const keyed = node.key !== undefined && (node.compare === undefined || ARRAY_RULES.has(node.compare));
      if (keyed) found.push({ path, key: node.key! });
      value.forEach((item, i) => {
        const segment = itemSegment(keyed ? node.key : undefined, item, i);
        if (segment !== undefined) walk(node.item(i), item, `${path}/${escapeToken(segment)}`, depth + 1);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) walk(node.property(name), child, `${path}/${escapeToken(name)}`, depth + 1);
    }
  };
  walk(root, standard, '', 0);
  return found;
}

/** What findingsInList needs of a finding. */
export interface ListedFinding {
  path: string;
  kind: string;
}

/** A branch's findings about the items of one list: what its side-by-side view marks. */
export function findingsInList<F extends ListedFinding>(findings: readonly F[], list: KeyedList): F[] {
  const prefix = list.path + '/';
  return findings.filter((finding) => inList(finding, prefix));
}

/** Whether a branch has any finding about the items of one list. */
export function hasFindingsIn(findings: readonly ListedFinding[], list: KeyedList): boolean {
  const prefix = list.path + '/';
  return findings.some((finding) => inList(finding, prefix));
}

function inList(finding: ListedFinding, prefix: string): boolean {
  return finding.kind !== 'invalid' && finding.path.startsWith(prefix);
}

/** The value at an audit path: keyed lists are entered by key, other arrays by index. */
export function valueAtAuditPath(root: unknown, path: string, lists: ReadonlyMap<string, string>): unknown {
  const tokens = parsePointer(path);
  if (!tokens) return undefined;
  let current = root;
  let here = '';
  for (const token of tokens) {
    // Only the step into a keyed list differs from a plain JSON Pointer.
    const key = Array.isArray(current) ? lists.get(here) : undefined;
    current = key !== undefined ? (current as unknown[]).find((item) => keyOf(item, key) === token) : valueAt(current, [token]);
    if (current === undefined) return undefined;
    here += '/' + escapeToken(token);
  }
  return current;
}
