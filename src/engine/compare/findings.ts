/**
 * The finding as the core produces it, before positions, messages and
 * waivers are added: what diverges, where in the audit path, and where in
 * the branch's document (raw tokens) a person should look.
 */
import type { Kind, Rule, Severity } from '../../generated/report';
import type { MessageId } from '../../i18n';
import type { PathToken } from '../pointer';

export interface RawFinding {
  path: string;
  kind: Kind;
  rule: Rule;
  severity: Severity;
  expected?: unknown;
  actual?: unknown;
  /** Raw location in the branch document (for `missing`: the parent). */
  at: PathToken[];
  /** Parameters of the message beyond expected and actual. */
  params?: Record<string, string | number>;
  /** The message, when not the default `finding.<kind>.<rule>`. */
  messageId?: MessageId;
  /** A position known without looking up `at` (JSON problems). */
  position?: { line: number; column: number };
}

/** How much a check weighs in the score, by the severity of its findings. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { error: 10, warning: 3, info: 1 };
