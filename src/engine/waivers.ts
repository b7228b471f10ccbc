/**
 * Waivers (spec §4): which findings an approved deviation covers, and which
 * waivers are expired, expiring or unused. The expiry rule lives only here,
 * for the command line and the server alike; today's date comes in.
 */
import type { Waiver } from '../generated/report';
import { WaiversError } from './errors';
import { validateWaivers } from './internalSchemas';

export type { Waiver };

/** Checks a parsed waivers.json; throws a WaiversError naming the first bad entry. */
export function parseWaivers(value: unknown): Waiver[] {
  const [first] = validateWaivers(value);
  if (first) {
    const match = /^\/(\d+)(\/.*)?$/.exec(first.instancePath);
    const where = match ? `entry ${Number(match[1]) + 1}${match[2] ? ` (${match[2].slice(1)})` : ''}` : 'the file';
    const detail = first.keyword === 'additionalProperties'
      ? `unknown field "${(first.params as { additionalProperty: string }).additionalProperty}"`
      : first.message ?? first.keyword;
    throw new WaiversError(`${where}: ${detail}`);
  }
  return value as Waiver[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Whether a waiver names a finding (its branch or "*", its path, and its kind when the waiver gives one), in force or not. */
export function waiverNames(waiver: Waiver, finding: WaiverFinding): boolean {
  return (waiver.branch === '*' || waiver.branch === finding.branch) && waiver.path === finding.path && (waiver.kind === undefined || waiver.kind === finding.kind);
}

/** A waiver is in force up to and including its expiry date. */
export function isExpired(waiver: Waiver, today: string): boolean {
  return waiver.expires < today;
}

export function daysLeft(waiver: Waiver, today: string): number {
  return dayNumber(waiver.expires) - dayNumber(today);
}

export interface WaiverFinding {
  branch: string;
  path: string;
  kind: string;
}

/** Matches findings to the waivers in force and remembers which ones were used. */
export class WaiverBook {
  private readonly byPath = new Map<string, Waiver[]>();
  private readonly used = new Set<Waiver>();

  constructor(
    private readonly waivers: readonly Waiver[],
    private readonly today: string,
    private readonly noticeDays: number,
  ) {
    for (const waiver of waivers) {
      if (isExpired(waiver, today)) continue;
      const list = this.byPath.get(waiver.path);
      if (list) list.push(waiver);
      else this.byPath.set(waiver.path, [waiver]);
    }
  }

  covers(finding: WaiverFinding): boolean {
    const candidates = this.byPath.get(finding.path);
    if (!candidates) return false;
    let covered = false;
    for (const waiver of candidates) {
      if (waiverNames(waiver, finding)) {
        this.used.add(waiver);
        covered = true;
      }
    }
    return covered;
  }

  /**
   * The lists of spec §4. When only some branches were audited, only the
   * waivers for them (or for `*`) are listed, and a `*` waiver is never
   * called unused: checking one branch says nothing of the others' waivers.
   */
  lists(audited: ReadonlySet<string> | 'all'): { expired: Waiver[]; expiring: Waiver[]; unused: Waiver[] } {
    const expired: Waiver[] = [];
    const expiring: Waiver[] = [];
    const unused: Waiver[] = [];
    for (const waiver of this.waivers) {
      const named = audited === 'all' || audited.has(waiver.branch);
      if (!named && waiver.branch !== '*') continue;
      if (isExpired(waiver, this.today)) {
        expired.push(waiver);
        continue;
      }
      if (daysLeft(waiver, this.today) <= this.noticeDays) expiring.push(waiver);
      if (named && !this.used.has(waiver)) unused.push(waiver);
    }
    return { expired, expiring, unused };
  }
}
