/**
 * The server's clock, injectable: `today` decides which waivers are in
 * force (the report changes when the day does), `now` stamps versions.
 * Tests and `serve --today` fix the day.
 */
export interface Clock {
  now(): Date;
  /** The audit day, YYYY-MM-DD. */
  today(): string;
}

export function systemClock(now: () => Date = () => new Date()): Clock {
  return { now, today: () => localDay(now()) };
}

/** A clock whose day is fixed (times still move). */
export function fixedDayClock(day: string, now: () => Date = () => new Date()): Clock {
  return { now, today: () => day };
}

/** The date in the machine's time zone, as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
