/**
 * The side-by-side view of one keyed step list (an array with `x-key`): the
 * standard's items beside a branch's, with missing, extra, reordered and
 * changed items marked from the branch's findings (so the page says exactly
 * what the engine found). Where the lists are is the engine's (engine/lists.ts).
 */
import { escapeToken, isScalar, keyOf, longestIncreasing, type Finding, type KeyedList } from '../../engine';

export type StepMark = 'same' | 'missing' | 'extra' | 'added' | 'moved' | 'changed';

export interface StepView {
  key: string;
  /** 1-based position in its own list. */
  position: number;
  mark: StepMark;
  /** For `moved`: the positions in the standard's list and the branch's. */
  expected?: number;
  actual?: number;
  /** True when every finding behind the mark is waived. */
  waived: boolean;
  /** The item's main text (its `text`, else its longest string), and its other plain properties. */
  text?: string;
  details: Array<{ name: string; value: string }>;
}

export interface ListView {
  path: string;
  standard: StepView[];
  branch: StepView[];
  /**
   * Both lists aligned for reading across, like a diff: a step both have in
   * the same order shares a row; a step only one side has (missing, extra,
   * or moved away from here) has a row with the other side empty.
   */
  rows: Array<{ standard?: StepView; branch?: StepView }>;
}

/**
 * The side-by-side view of one keyed list. `findings` are the branch's
 * findings (any order); only those under the list's path count.
 */
export function compareList(list: KeyedList, standard: unknown, branch: unknown, findings: readonly Finding[]): ListView | undefined {
  if (!Array.isArray(standard) || !Array.isArray(branch)) return undefined;
  const prefix = list.path + '/';
  const byKey = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.kind === 'invalid' || !finding.path.startsWith(prefix)) continue;
    const rest = finding.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const token = slash === -1 ? rest : rest.slice(0, slash);
    const entry = byKey.get(token);
    if (entry) entry.push(finding);
    else byKey.set(token, [finding]);
  }
  const standardKeys = new Set<string>();
  for (const item of standard) {
    const k = keyOf(item, list.key);
    if (k !== undefined) standardKeys.add(k);
  }
  const seen = new Set<string>();
  const view = (item: unknown, index: number, side: 'standard' | 'branch'): StepView => {
    const key = keyOf(item, list.key) ?? '';
    const itemPath = prefix + escapeToken(key);
    // The item itself missing is the standard side's mark, the item itself extra the branch side's;
    // findings inside an item (a missing role, a changed text) belong to the branch's item.
    const own = (byKey.get(escapeToken(key)) ?? []).filter((f) => f.path !== itemPath || f.kind !== (side === 'standard' ? 'extra' : 'missing'));
    const direct = own.filter((f) => f.path === itemPath);
    const step: StepView = { key, position: index + 1, mark: 'same', waived: false, ...describe(item, list.key) };
    const first = (kind: string) => direct.find((f) => f.kind === kind);
    let behind: Finding[] = [];
    const repeat = side === 'branch' && key !== '' && seen.has(key);
    if (side === 'branch') seen.add(key);
    if (side === 'standard' && first('missing')) {
      step.mark = 'missing';
      behind = direct.filter((f) => f.kind === 'missing');
    } else if (side === 'branch' && (repeat || key === '' || (first('extra') && !standardKeys.has(key)))) {
      step.mark = 'extra';
      behind = direct.filter((f) => f.kind === 'extra');
    } else if (side === 'branch' && !standardKeys.has(key)) {
      step.mark = 'added';
    } else if (first('reordered')) {
      const moved = first('reordered')!;
      step.mark = 'moved';
      step.expected = Number(moved.expected);
      step.actual = Number(moved.actual);
      behind = [moved];
    } else if (side === 'branch' && own.length > 0) {
      step.mark = 'changed';
      behind = own;
    }
    step.waived = behind.length > 0 && behind.every((f) => f.waived);
    return step;
  };
  const left = standard.map((item, i) => view(item, i, 'standard'));
  const right = branch.map((item, i) => view(item, i, 'branch'));
  return { path: list.path, standard: left, branch: right, rows: align(left, right) };
}

/** The rows of a ListView: matched steps in one common order share a row. */
function align(left: StepView[], right: StepView[]): ListView['rows'] {
  const leftIndex = new Map<string, number>();
  left.forEach((step, i) => {
    if (step.key !== '' && !leftIndex.has(step.key)) leftIndex.set(step.key, i);
  });
  const pairs: Array<[number, number]> = [];
  const used = new Set<string>();
  right.forEach((step, j) => {
    const i = leftIndex.get(step.key);
    if (i === undefined || used.has(step.key) || step.mark === 'moved' || step.mark === 'extra') return;
    used.add(step.key);
    pairs.push([i, j]);
  });
  // Steps in order on both sides: one longest common subsequence, as the engine finds it.
  const inOrder = longestIncreasing(pairs.map(([i]) => i));
  const anchors = pairs.filter((_, n) => inOrder[n]);
  const rows: ListView['rows'] = [];
  let i = 0;
  let j = 0;
  for (const [ai, aj] of [...anchors, [left.length, right.length] as [number, number]]) {
    for (; i < ai; i++) rows.push({ standard: left[i] });
    for (; j < aj; j++) rows.push({ branch: right[j] });
    if (ai < left.length) rows.push({ standard: left[i++], branch: right[j++] });
  }
  return rows;
}

/** The words a person reads of a step: its text, and its other plain properties. */
function describe(item: unknown, key: string): Pick<StepView, 'text' | 'details'> {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return { text: item === undefined ? undefined : JSON.stringify(item), details: [] };
  }
  const entries = Object.entries(item).filter(([name, value]) => name !== key && isScalar(value));
  let main = entries.find(([name, value]) => name === 'text' && typeof value === 'string');
  if (!main) {
    for (const entry of entries) {
      if (typeof entry[1] === 'string' && (!main || entry[1].length > (main[1] as string).length)) main = entry;
    }
  }
  return {
    text: main ? String(main[1]) : undefined,
    details: entries.filter((entry) => entry !== main).map(([name, value]) => ({ name, value: String(value) })),
  };
}
