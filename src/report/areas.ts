/**
 * Procedure areas: the parts of the standard people think in (returns,
 * phone support, ...). They are the standard's top-level sections (members
 * whose value is an object or an array; a scalar like `version` is the
 * document's own), except that a container section whose values are all
 * objects (like `procedures`) contributes its children instead. A finding
 * belongs to the area whose path is a prefix of its own; one outside every
 * area (the document's root, a top-level scalar, a top-level property the
 * standard lacks) to none.
 *
 * The report document does not carry the standard, so a format that has no
 * list of areas from its shell infers one from the findings' own paths
 * (`inferAreas`): good for the common layouts, but only the standard can say
 * which sections a branch passed without a single finding. Shared by the
 * JUnit format and the HTML report, so both cut a branch the same way.
 */
import { escapeToken, isObject, parsePointer } from '../engine';

export interface Area {
  /** The section's own key in the standard, e.g. `returns`. */
  key: string;
  /** Its JSON Pointer in the standard, e.g. `/procedures/returns`. */
  path: string;
}

/** The standard's procedure areas, in the standard's own order. */
export function procedureAreas(standard: unknown): Area[] {
  if (!isObject(standard)) return [];
  const areas: Area[] = [];
  for (const [key, value] of Object.entries(standard)) {
    if (value === null || typeof value !== 'object') continue;
    const path = '/' + escapeToken(key);
    const children = isObject(value) ? Object.entries(value) : [];
    if (children.length > 0 && children.every(([, child]) => isObject(child))) {
      for (const [child] of children) areas.push({ key: child, path: `${path}/${escapeToken(child)}` });
    } else {
      areas.push({ key, path });
    }
  }
  return areas;
}

/**
 * Areas guessed from audit paths alone, sorted by path. A top-level section
 * counts as a container when some path reaches three levels below the root
 * through it (`/procedures/returns/windowDays`): leaf sections like
 * `/branch/name` never do. The guess errs where a plain section holds nested
 * objects; pass `procedureAreas(standard)` instead whenever the shell can.
 */
export function inferAreas(paths: Iterable<string>): Area[] {
  const containers = new Set<string>();
  const tops = new Map<string, string[][]>();
  for (const path of paths) {
    const tokens = parsePointer(path);
    if (!tokens || tokens.length === 0) continue;
    const list = tops.get(tokens[0]) ?? [];
    list.push(tokens);
    tops.set(tokens[0], list);
    if (tokens.length >= 3) containers.add(tokens[0]);
  }
  const byPath = new Map<string, Area>();
  for (const [top, list] of tops) {
    const base = '/' + escapeToken(top);
    if (!containers.has(top)) {
      byPath.set(base, { key: top, path: base });
      continue;
    }
    // A path that stops at the container itself (`/procedures`) names no area of its own.
    for (const tokens of list) {
      if (tokens.length < 2) continue;
      const path = `${base}/${escapeToken(tokens[1])}`;
      byPath.set(path, { key: tokens[1], path });
    }
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Finds the area of an audit path quickly, however many findings ask. */
export class AreaIndex {
  private readonly byPath = new Map<string, number>();

  constructor(readonly areas: readonly Area[]) {
    areas.forEach((area, i) => this.byPath.set(area.path, i));
  }

  /** The index of the area holding `path`, or -1 for none. */
  indexOf(path: string): number {
    // Areas sit one or two levels deep: try each prefix of the path, shortest first.
    let end = path.indexOf('/', 1);
    for (;;) {
      const prefix = end === -1 ? path : path.slice(0, end);
      const found = this.byPath.get(prefix);
      if (found !== undefined) return found;
      if (end === -1) return -1;
      end = path.indexOf('/', end + 1);
    }
  }
}
