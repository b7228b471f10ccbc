/**
 * The GitHub workflow-command format: one annotation per finding to act on,
 * at its file, line and column, escaped so that every hostile string comes
 * back exactly through the runner's own unescaping and none can end a
 * command or start another.
 */
import { translator } from '../../src/i18n';
import { FORMATTERS } from '../../src/report';
import { escapeData, escapeProperty } from '../../src/report/escape/workflowCommand';
import { github } from '../../src/report/github';
import { auditDir } from '../helpers/audit';
import { REPO } from '../helpers/workspace';
import { HOSTILE, HOSTILE_FILE, hostileReport } from './hostile';

const context = { translator: translator('en'), color: false };

interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Reads a line as the Actions runner does: `::name k=v,k=v::message`, then unescapes. */
function parseCommand(line: string): Command | undefined {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!match) return undefined;
  const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { command: match[1], properties, message: unescapeData(match[3]) };
}

/** A string as the annotation shows it: control characters other than line breaks, which have no escape, as U+FFFD. */
const visible = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '\uFFFD');

describe('workflow-command escaping', () => {
  it('escapes the message as the runner expects', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeData('a: b, c')).toBe('a: b, c');
  });

  it('also escapes : and , in property values', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('round-trips any string, control characters shown as U+FFFD', () => {
    for (const s of [HOSTILE, '%0A%25%3A%2C', '::error::x', '', '%', 'ğüşıöç తెలుగు', '\u001b[31mred\u001b[0m \u0085']) {
      const line = `::notice title=${escapeProperty(s)}::${escapeData(s)}`;
      expect(line.split('\n')).toHaveLength(1);
      expect(line).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
      expect(parseCommand(line)).toEqual({ command: 'notice', properties: { title: visible(s) }, message: visible(s) });
    }
  });
});

describe('github on the bundled workspace', () => {
  const report = auditDir(REPO, '2026-11-28');
  const lines = github(report, context).trimEnd().split('\n');
  const commands = lines.map(parseCommand);

  it('is the registered github format: annotations, then one summary line', () => {
    expect(FORMATTERS.github).toBe(github);
    expect(commands.slice(0, -1).every((c) => c !== undefined)).toBe(true);
    expect(lines[lines.length - 1]).toBe('sopaudit: 19 findings · 15 errors, 3 warnings, and 1 info finding · branches conforming: 3 of 13 · 1 finding waived');
  });

  it('annotates every unwaived finding at its file, line and column, by severity', () => {
    const open = report.branches.flatMap((b) => b.findings).filter((f) => !f.waived);
    expect(commands.slice(0, -1)).toEqual(
      open.map((f) => ({
        command: f.severity === 'info' ? 'notice' : f.severity,
        properties: { file: f.file, line: String(f.line), col: String(f.column), title: `${f.path || '/'} (${f.kind}/${f.rule})` },
        message: f.message,
      })),
    );
    expect(lines).toContain('::warning file=branches/au-melbourne-fitzroy.json,line=226,col=7,title=/procedures/training/refresherIntervalMonths (changed/atMost)::The value is 18, above the standard’s maximum of 12.');
  });

  it('does not annotate the waived finding', () => {
    expect(lines.some((l) => l.includes('in-delhi-connaught'))).toBe(false);
  });

  it('makes findings already in a baseline notices', () => {
    const withBaseline = {
      ...report,
      branches: report.branches.map((b) => ({ ...b, findings: b.findings.map((f) => ({ ...f, existing: true })) })),
    };
    const out = github(withBaseline, context).trimEnd().split('\n').slice(0, -1).map(parseCommand);
    expect(out.every((c) => c?.command === 'notice' && c.properties.title.endsWith(' · in baseline'))).toBe(true);
  });
});

describe('github with hostile strings', () => {
  const report = hostileReport();
  const lines = github(report, context).trimEnd().split('\n');

  it('stays one command per line, the summary last', () => {
    const open = report.branches.flatMap((b) => b.findings).filter((f) => !f.waived);
    expect(lines).toHaveLength(open.length + 1);
    expect(lines.slice(0, -1).every((l) => /^::(error|warning|notice) file=[^:,]*,line=\d+,col=\d+,title=[^:,]*::/.test(l))).toBe(true);
    expect(lines[lines.length - 1].startsWith('sopaudit: ')).toBe(true);
  });

  it('gives back the file, title and message exactly', () => {
    const extra = report.branches.find((b) => b.id === HOSTILE)!.findings.find((f) => f.kind === 'extra')!;
    const command = lines.map(parseCommand).find((c) => c?.properties.title?.includes('(extra/sequence)'))!;
    expect(command).toEqual({
      command: 'error',
      properties: { file: `branches/${HOSTILE_FILE}`, line: '14', col: '9', title: visible(`${extra.path} (extra/sequence)`) },
      message: visible(extra.message),
    });
    expect(command.message).toContain(visible(HOSTILE));
  });
});
