/**
 * Test workspaces for the HTML report, and the report built in-process the
 * way `sopaudit report` builds it (the same loaders, the same context).
 */
import path from 'node:path';
import type { Report } from '../../src/engine';
import { translator } from '../../src/i18n';
import { HtmlReport, branchInputFrom, placeTitles, type BranchInput } from '../../src/report/html';
import { loadConfig } from '../../src/workspace/config';
import { loadWaivers, readDocument } from '../../src/workspace/load';
import { auditWorkspace } from '../../src/workspace/run';
import { makeWorkspace } from '../helpers/workspace';

export const TODAY = '2026-11-28';

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';
export const MUSTACHE = '{{constructor}}';
/** A branch id holding all three. */
export const HOSTILE_ID = `${SCRIPT}${IMG}${MUSTACHE}`;

export interface Built {
  report: Report;
  html: HtmlReport;
  /** What the command reads for branch i. */
  input(i: number): BranchInput;
  /** The index of a branch by id. */
  index(id: string): number;
}

export function buildHtml(dir: string, options: { today?: string; locale?: string } = {}): Built {
  const today = options.today ?? TODAY;
  const config = loadConfig(dir);
  if (options.locale) config.locale = options.locale;
  // As `sopaudit report` audits: keeping each branch's lists with findings, so that pages need not read the files again.
  const run = auditWorkspace(config, { today, keepOwnLists: true });
  const { report, auditor } = run;
  const titles = placeTitles(auditor.checker.tree.root, auditor.standard);
  const html = new HtmlReport(report, { translator: translator(config.locale), standard: auditor.standard, lists: auditor.keyedLists, titles, waivers: loadWaivers(config), today });
  return {
    report,
    html,
    input(i) {
      const { file } = report.branches[i];
      const audit = { name: run.names.get(file), ownLists: run.ownLists.get(file) };
      const document = readDocument(path.resolve(config.dir, file));
      return branchInputFrom(audit, document.problem ? document.text : undefined);
    },
    index(id) {
      const i = report.branches.findIndex((b) => b.id === id);
      if (i === -1) throw new Error(`no branch ${id}`);
      return i;
    },
  };
}

const step = (id: string, text: string) => ({ id, text });

export const STANDARD = {
  branch: { id: 'head-office', name: 'Head office' },
  procedures: {
    returns: {
      windowDays: 30,
      steps: [step('greet', 'Greet the customer.'), step('check', 'Check the receipt.'), step('refund', 'Refund.'), step('thank', 'Thank the customer.')],
    },
    phone: { holdMaxSeconds: 60, mode: 'warm' },
  },
};

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    branch: {
      type: 'object',
      properties: { id: { type: 'string', 'x-compare': 'ignore' }, name: { type: 'string', 'x-compare': 'ignore' } },
    },
    procedures: {
      type: 'object',
      properties: {
        returns: {
          type: 'object',
          properties: {
            windowDays: { type: 'integer', 'x-compare': 'atLeast' },
            steps: {
              type: 'array',
              'x-key': 'id',
              items: {
                type: 'object',
                properties: { id: { type: 'string' }, text: { type: 'string', 'x-compare': 'ignore' } },
                required: ['id', 'text'],
              },
            },
          },
        },
        phone: {
          type: 'object',
          properties: { holdMaxSeconds: { type: 'integer', 'x-compare': 'atMost' }, mode: { type: 'string' } },
        },
      },
    },
  },
};

function branch(id: string, change: (doc: typeof STANDARD) => void = () => {}, name = `Branch ${id}`): unknown {
  const doc = JSON.parse(JSON.stringify(STANDARD)) as typeof STANDARD;
  doc.branch = { id, name };
  change(doc);
  return doc;
}

/**
 * A small chain of 11: one hostile branch (markup and template syntax in
 * its id, name, step texts, a step key and a value); eight that hold calls
 * for 90 seconds where the standard says 60 (most branches differ the same
 * way; one of them waived, with a hostile reason), among them ids that
 * differ only in case or would climb out of the reports folder; one with two
 * steps swapped (its waiver expired); one conforming.
 */
export function chainWorkspace(): string {
  const hold90 = (doc: typeof STANDARD) => {
    doc.procedures.phone.holdMaxSeconds = 90;
  };
  return makeWorkspace({
    schema: SCHEMA,
    standard: STANDARD,
    branches: {
      'hostile.json': branch(HOSTILE_ID, (doc) => {
        doc.procedures.returns.steps = [
          step('greet', SCRIPT),
          step('check', MUSTACHE),
          step('refund', IMG),
          step(`<img src=x onerror=alert(2)>`, `${MUSTACHE} ${SCRIPT}`),
          step('thank', 'Thank.'),
        ];
        doc.procedures.phone.mode = SCRIPT;
      }, `${IMG} ${MUSTACHE}`),
      'hold-1.json': branch('hold-1', hold90),
      'hold-2.json': branch('hold-2', hold90),
      'hold-3.json': branch('hold-3', hold90),
      'hold-4.json': branch('hold-4', hold90),
      'hold-5.json': branch('hold-5', (doc) => {
        hold90(doc);
        doc.procedures.returns.windowDays = 14;
      }),
      'swapped.json': branch('swapped', (doc) => {
        const [a, b, c, d] = doc.procedures.returns.steps;
        doc.procedures.returns.steps = [a, c, b, d];
      }),
      'good.json': branch('good'),
      'case-upper.json': branch('Case', hold90),
      'case-lower.json': branch('case', hold90),
      'climb.json': branch('../../escape', hold90),
    },
    waivers: [
      {
        branch: 'hold-1',
        path: '/procedures/phone/holdMaxSeconds',
        kind: 'changed',
        reason: `Pilot ${SCRIPT}`,
        approvedBy: `Head of ${IMG}`,
        expires: '2027-06-30',
      },
      {
        branch: 'swapped',
        path: '/procedures/returns/steps/refund',
        kind: 'reordered',
        reason: 'A trial that ended.',
        approvedBy: 'Regional manager',
        expires: '2026-03-31',
      },
    ],
  });
}
