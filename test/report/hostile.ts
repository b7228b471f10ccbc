/**
 * A real workspace whose branch id, file name, step key, texts and values
 * are hostile to every output format: markup, `]]>`, workflow-command
 * separators, table pipes, backticks, percent signs, commas, line breaks and
 * a control character XML cannot carry. Audited through the same loader as
 * the CLI, so the report holds these strings exactly where users would put
 * them: ids, paths, messages, files.
 */
import type { Report } from '../../src/engine';
import { auditDir } from '../helpers/audit';
import { makeWorkspace } from '../helpers/workspace';

export const HOSTILE = '<script>alert("x&y")</script> ]]> ::error file=a.json::hi | a|b `tick` 100% %0A a,b:c\nnext\r\nline\ttab \u0007 ~*_[x](y)';

/** The file name: what Linux allows of the same (no slash, no NUL, no line break). */
export const HOSTILE_FILE = "evil <b>&'\"|`%,:;]]>.json";

const schema = {
  type: 'object',
  properties: {
    branch: { type: 'object', 'x-compare': 'ignore' },
    procedures: {
      type: 'object',
      properties: {
        desk: {
          type: 'object',
          properties: {
            motto: { type: 'string' },
            note: { type: 'string', 'x-severity': 'info' },
            steps: {
              type: 'array',
              'x-key': 'id',
              items: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'string', 'x-compare': 'ignore' } } },
            },
          },
        },
        phone: { type: 'object', properties: { holdSeconds: { type: 'integer', 'x-compare': 'atMost', 'x-severity': 'warning' } } },
        records: { type: 'object', properties: { retentionDays: { type: 'integer', 'x-compare': 'atLeast' } } },
      },
    },
  },
};

const standard = {
  branch: { id: 'hq' },
  procedures: {
    desk: { motto: 'Be kind', note: 'Smile', steps: [{ id: 'greet', text: 'Hello' }] },
    phone: { holdSeconds: 60 },
    records: { retentionDays: 365 },
  },
};

/** The hostile branch: a waived finding (motto), an open error (extra step), a warning (hold), an info (note). */
const hostileBranch = {
  branch: { id: HOSTILE },
  procedures: {
    desk: { motto: HOSTILE, note: HOSTILE, steps: [{ id: 'greet', text: HOSTILE }, { id: HOSTILE, text: HOSTILE }] },
    phone: { holdSeconds: 90 },
    records: { retentionDays: 365 },
  },
};

const conformingBranch = { ...standard, branch: { id: 'plain' } };

export function hostileWorkspace(): string {
  return makeWorkspace({
    schema,
    standard,
    branches: { [HOSTILE_FILE]: hostileBranch, 'plain.json': conformingBranch, 'broken.json': '{ "branch": ' },
    waivers: [{ branch: HOSTILE, path: '/procedures/desk/motto', reason: HOSTILE, approvedBy: HOSTILE, expires: '2099-12-31' }],
  });
}

export function hostileReport(): Report {
  return auditDir(hostileWorkspace(), '2026-11-28');
}
