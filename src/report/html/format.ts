/**
 * Small pure helpers the page models share: numbers and dates in the
 * reader's locale, JSON values pretty-printed, property names in plain words.
 */
import { SEVERITIES, type Severity } from '../../engine';

/** The worse of two severities (undefined is "none"). */
export function worse(a: Severity | undefined, b: Severity): Severity {
  return a === undefined || SEVERITIES.indexOf(b) < SEVERITIES.indexOf(a) ? b : a;
}

export class Formats {
  private readonly numbers: Intl.NumberFormat;
  private readonly dates: Intl.DateTimeFormat;

  constructor(readonly locale: string) {
    this.numbers = new Intl.NumberFormat(locale);
    this.dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  }

  /** Small whole numbers (positions, counts, scores) repeat on every page: each is formatted once. */
  private readonly small: string[] = [];
  /** Days as formatted: a run shows few (the audit's, waivers' expiries). */
  private readonly days = new Map<string, string>();

  number(n: number): string {
    if (!Number.isInteger(n) || n < 0 || n >= 4096) return this.numbers.format(n);
    return (this.small[n] ??= this.numbers.format(n));
  }

  /** A YYYY-MM-DD day as the locale writes it ("30 June 2027"); anything else as given. */
  date(day: string): string {
    // Every page shows the day of the audit: formatted once.
    let formatted = this.days.get(day);
    if (formatted === undefined) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
      formatted = match ? this.dates.format(new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]))) : day;
      this.days.set(day, formatted);
    }
    return formatted;
  }

  /** Made on first use: only the server's pages show moments. */
  private moments?: Intl.DateTimeFormat;

  /** A moment (ISO 8601) as the locale writes it, in UTC (said so), e.g. "15 Jan 2026, 10:04 UTC"; anything else as given. */
  time(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    this.moments ??= new Intl.DateTimeFormat(this.locale, {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
    });
    return this.moments.format(date);
  }
}

/** A JSON value as a person reads it: two-space indented. */
export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** "serviceDesk" → "Service desk"; "inspect-item" stays as it is. */
export function humanize(token: string): string {
  if (!/^[a-z]+(?:[A-Z0-9][a-z0-9]*)*$/.test(token)) return token;
  const words = token.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

