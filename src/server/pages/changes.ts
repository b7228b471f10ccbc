/**
 * What changed between two versions of a branch: its open (unwaived)
 * findings sorted into new, fixed and still open. A finding is the same finding in both versions when it sits at the
 * same audit path with the same kind and rule (and, for a schema problem,
 * breaks the same constraint): its line, column and value may move. Pure.
 * The scores are the versions' own (BranchResult.score).
 */
import type { BranchResult, Finding } from '../../engine';

export interface Changes {
  added: Finding[];
  fixed: Finding[];
  open: Finding[];
}

function identity(finding: Finding): string {
  return JSON.stringify([finding.path, finding.kind, finding.rule, finding.kind === 'invalid' ? finding.expected ?? null : null]);
}

/** The changes from `previous` (none for a first version) to `current`. */
export function changesBetween(previous: BranchResult | undefined, current: BranchResult): Changes {
  const was = new Map<string, Finding[]>();
  for (const finding of previous?.findings ?? []) {
    if (finding.waived) continue;
    const list = was.get(identity(finding));
    if (list) list.push(finding);
    else was.set(identity(finding), [finding]);
  }
  const added: Finding[] = [];
  const open: Finding[] = [];
  for (const finding of current.findings) {
    if (finding.waived) continue;
    const list = was.get(identity(finding));
    if (list && list.length > 0) {
      list.shift();
      open.push(finding);
    } else {
      added.push(finding);
    }
  }
  const fixed = [...was.values()].flat();
  return { added, fixed, open };
}
