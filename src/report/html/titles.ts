/**
 * Names of places for people: where the schema gives a place a name
 * (`x-title` by language, or JSON Schema's own `title`), the pages say
 * "İadeler › İade süresi (gün)" instead of the property names
 * "returns › windowDays", which only a developer reads.
 *
 * Worked out from the rule tree over the standard once per run, like the
 * keyed lists, as plain data (it crosses to page-writing threads); the
 * page model picks the reader's language.
 */
import { MAX_DEPTH, escapeToken, itemSegment } from '../../engine';
import type { RuleLike } from '../../engine';

/** What this module needs of a rule tree node beyond RuleLike (the engine's RuleNode fits). */
export interface TitledRule extends RuleLike {
  readonly title?: string;
  readonly titles?: Readonly<Record<string, string>>;
  declared(): string[];
  resolve(value: unknown): TitledRule;
  property(name: string): TitledRule;
  item(index: number): TitledRule;
}

export interface PlaceTitle {
  /** Audit path of the place, e.g. `/procedures/returns`. */
  path: string;
  /** JSON Schema's `title`, in whatever language the schema is written. */
  title?: string;
  /** `x-title`: the name by language code. */
  titles?: Readonly<Record<string, string>>;
}

/**
 * Every named object member of the standard (and every property the schema
 * declares beside them), by audit path (item names come
 * from their keys, never from here). A member of a list's items is named
 * once more with `*` for the item (`/procedures/returns/steps/*` + `/role`),
 * so that a step only the branch has gets its fields named too.
 */
export function placeTitles(root: TitledRule, standard: unknown): PlaceTitle[] {
  const found = new Map<string, PlaceTitle>();
  const walk = (unresolved: TitledRule, value: unknown, path: string, pattern: string, depth: number, named: boolean): void => {
    if (depth > MAX_DEPTH) return;
    const node = unresolved.resolve(value);
    if (named && (node.title !== undefined || node.titles !== undefined)) {
      const names = { ...(node.title !== undefined && { title: node.title }), ...(node.titles && { titles: node.titles }) };
      found.set(path, { path, ...names });
      if (pattern !== path && !found.has(pattern)) found.set(pattern, { path: pattern, ...names });
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const segment = itemSegment(node.key, item, i);
        if (segment !== undefined) walk(node.item(i), item, `${path}/${escapeToken(segment)}`, `${pattern}/${ANY_ITEM}`, depth + 1, false);
      });
    } else if (value !== null && typeof value === 'object') {
      // The schema's other properties too: a branch may add one the standard lacks.
      const names = new Set([...Object.keys(value), ...node.declared()]);
      for (const name of names) {
        const token = '/' + escapeToken(name);
        const child = Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
        walk(node.property(name), child, path + token, pattern + token, depth + 1, true);
      }
    }
  };
  walk(root, standard, '', '', 0, false);
  return [...found.values()];
}

/** Stands for any item of a list in a place's path (`*` is escaped nowhere in JSON Pointer, so a key of that text would clash; the exact path wins). */
export const ANY_ITEM = '*';

/** Audit path → the name in `locale` (its language's `x-title`, else `title`); places without one are absent. */
export function titlesIn(titles: readonly PlaceTitle[], locale: string): Map<string, string> {
  const language = locale.split('-')[0];
  const names = new Map<string, string>();
  for (const place of titles) {
    const name = place.titles?.[locale] ?? place.titles?.[language] ?? place.title;
    if (name !== undefined) names.set(place.path, name);
  }
  return names;
}
