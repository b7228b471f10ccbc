/**
 * File names and anchors for the HTML report. A branch id is data a branch
 * wrote, so it never becomes a path as it is unless it is plainly safe:
 * lowercase ASCII letters, digits, `-` and `_`, not a device name, not too
 * long. Any other id gets a readable slug plus a hash of the exact id, with a
 * `.` between them that a plain name never holds; so no id can reach outside
 * the folder, and ids that differ only in case or in unsafe characters never
 * share a file, even on a case-insensitive file system.
 */
import { createHash } from 'node:crypto';

const PLAIN = /^[a-z0-9][a-z0-9_-]{0,79}$/;
/** Names Windows reserves whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A file-name stem for any string: the string itself when plainly safe, else slug.hash. */
export function safeStem(id: string): string {
  if (PLAIN.test(id) && !RESERVED.test(id)) return id;
  const slug = id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `${slug || 'branch'}.${hash(id)}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** What a page name is made from: the branch id, and its file to tell two branches of one id apart. */
export interface Named {
  id: string;
  file: string;
}

/**
 * The page of every branch, in order, as a path relative to the reports
 * folder (`branches/<stem>.html`). Names are unique: a second branch that
 * declares an id already taken is named after its id and file together.
 */
export function branchPageNames(branches: readonly Named[]): string[] {
  const taken = new Set<string>();
  return branches.map((branch) => {
    let stem = safeStem(branch.id);
    if (taken.has(stem)) stem = `${safeStem(branch.id).split('.')[0]}.${hash(`${branch.id}\u0000${branch.file}`)}`;
    for (let n = 2; taken.has(stem); n++) stem = `${safeStem(branch.id).split('.')[0]}.${hash(`${branch.id}\u0000${branch.file}\u0000${n}`)}`;
    taken.add(stem);
    return `branches/${stem}.html`;
  });
}

/** A relative URL for a page path: every segment percent-encoded. */
export function pageUrl(page: string, fragment?: string): string {
  const url = page.split('/').map(encodeURIComponent).join('/');
  return fragment === undefined ? url : `${url}#${encodeURIComponent(fragment)}`;
}

/**
 * The anchors of the procedure areas' sections on a branch page, one per
 * area in order: `area-<key>` when the key is plain (fragments are
 * case-sensitive, so `Returns` and `returns` stay apart), else a slug and a
 * hash of the area's path; never `whole-document`, the anchor of findings
 * outside every area, and never the same twice.
 */
export function areaAnchors(areas: ReadonlyArray<{ key: string; path: string }>): string[] {
  const taken = new Set<string>([WHOLE_DOCUMENT]);
  return areas.map((area) => {
    let anchor = /^[A-Za-z0-9_-]{1,64}$/.test(area.key) ? `area-${area.key}` : `area-${safeStem(area.key).split('.')[0]}.${hash(area.path)}`;
    if (taken.has(anchor)) anchor = `area-${safeStem(area.key).split('.')[0]}.${hash(area.path)}`;
    taken.add(anchor);
    return anchor;
  });
}

export const WHOLE_DOCUMENT = 'whole-document';
