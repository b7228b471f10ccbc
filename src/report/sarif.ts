/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps,
 * IDE viewers): one run, one rule per kind/rule pair (`changed/atMost`)
 * described from the catalog, one result per finding.
 *
 * - Locations are the branch file relative to the repository root (`%SRCROOT%`;
 *   the workspace's own path is prefixed when it is a subfolder),
 *   with line and column; `columnKind` says columns count code points, as
 *   ours do. The audit path goes into `logicalLocations`.
 * - `partialFingerprints` hash branch id, audit path, kind and rule, never
 *   the line: a finding keeps its identity when lines move above it, so a
 *   code-scanning alert is not closed and reopened by an unrelated edit.
 *   Identical findings are told apart by their rank among themselves.
 * - Waived findings are results with an accepted external suppression (the
 *   waiver lives in waivers.json, outside the file); findings of a
 *   `--baseline` run carry `baselineState`.
 * - The rule list is every pair the catalog describes (plus any other pair
 *   that occurs), in a fixed order, so rule indices are the same in every run.
 *
 * Pure: the hash is computed, not read from anywhere; no dates, no paths of
 * this machine.
 */
import { createHash } from 'node:crypto';
import { parsePointer, type Finding, type Kind, type Report, type Rule } from '../engine';
import type { MessageId } from '../i18n';
import { fromRoot, type FormatContext, type Formatter } from './types';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The `uriBaseId` of every location: the workspace folder, which the consumer maps to its checkout. */
export const SRCROOT = '%SRCROOT%';
/** The key of our fingerprint in `partialFingerprints`; bump the version if its recipe changes. */
export const FINGERPRINT_KEY = 'sopauditFinding/v1';

/** Every kind/rule pair the engine reports, in the order of the rule list. */
const PAIRS: readonly (readonly [Kind, Rule])[] = [
  ['invalid', 'json'],
  ['invalid', 'schema'],
  ...(['exact', 'atLeast', 'atMost', 'superset', 'subset', 'set', 'sequence', 'maxWords'] as const).map((r) => ['changed', r] as const),
  ...(['exact', 'atLeast', 'atMost', 'superset', 'subset', 'set', 'sequence'] as const).map((r) => ['missing', r] as const),
  ...(['exact', 'atLeast', 'atMost', 'superset', 'subset', 'set', 'sequence'] as const).map((r) => ['extra', r] as const),
  ['reordered', 'sequence'],
];

// The catalog ids of the rule descriptions: `rule.<kind>.<rule>` for each pair.
const RULE_IDS: Record<string, true> = Object.fromEntries(PAIRS.map(([kind, rule]) => [`rule.${kind}.${rule}`, true]));

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export const sarif: Formatter = (report, context) => {
  const rules = ruleList(report);
  const ruleIndex = new Map(rules.map((id, i) => [id, i]));
  const seen = new Map<string, number>();
  const results = report.branches.flatMap((branch) =>
    branch.findings.map((finding) => result(finding, ruleIndex, seen, context)),
  );
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map((id) => ruleDescriptor(id, context)),
          },
        },
        language: context.translator.locale,
        columnKind: 'unicodeCodePoints',
        results,
        properties: { standard: report.standard },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

function ruleList(report: Report): string[] {
  const ids = PAIRS.map(([kind, rule]) => `${kind}/${rule}`);
  const known = new Set(ids);
  const others = new Set<string>();
  for (const branch of report.branches) {
    for (const f of branch.findings) if (!known.has(`${f.kind}/${f.rule}`)) others.add(`${f.kind}/${f.rule}`);
  }
  return [...ids, ...[...others].sort()];
}

function ruleDescriptor(id: string, context: FormatContext) {
  const [kind, rule] = id.split('/');
  const messageId = `rule.${kind}.${rule}` as MessageId;
  const described = Object.prototype.hasOwnProperty.call(RULE_IDS, messageId);
  return {
    id,
    name: `${kind}-${rule}`,
    shortDescription: { text: described ? context.translator.t(messageId) : id },
    properties: { kind, rule },
  };
}

function result(finding: Finding, ruleIndex: Map<string, number>, seen: Map<string, number>, context: FormatContext) {
  const ruleId = `${finding.kind}/${finding.rule}`;
  const identity = [finding.branch, finding.path, finding.kind, finding.rule].join('\u0000');
  const rank = (seen.get(identity) ?? 0) + 1;
  seen.set(identity, rank);
  const tokens = parsePointer(finding.path) ?? [];
  const out: Record<string, unknown> = {
    ruleId,
    ruleIndex: ruleIndex.get(ruleId),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(fromRoot(finding.file, context)), uriBaseId: SRCROOT },
          region: { startLine: Math.max(1, finding.line), startColumn: Math.max(1, finding.column) },
        },
        logicalLocations: [
          {
            name: tokens.length > 0 ? tokens[tokens.length - 1] : '/',
            fullyQualifiedName: finding.path || '/',
          },
        ],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(identity, rank) },
    properties: { branch: finding.branch, severity: finding.severity },
  };
  if (finding.waived) {
    out.suppressions = [{ kind: 'external', status: 'accepted', justification: context.translator.t('sarif.waived') }];
  }
  if (finding.existing !== undefined) out.baselineState = finding.existing ? 'unchanged' : 'new';
  return out;
}

function fingerprint(identity: string, rank: number): string {
  const hash = createHash('sha256').update(identity).digest('hex');
  return rank === 1 ? hash : `${hash}:${rank}`;
}

/** A workspace-relative POSIX path as a relative URI reference: each segment percent-encoded. */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
