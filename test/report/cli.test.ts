/**
 * `sopaudit check --format markdown|junit|sarif|github` as a real child
 * process: registered, exit code as for every format, and exactly the bytes
 * the formatter gives for the same audit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { translator } from '../../src/i18n';
import { FORMATTERS } from '../../src/report';
import { procedureAreas } from '../../src/report/areas';
import { auditDir } from '../helpers/audit';
import { REPO, runCli } from '../helpers/workspace';

const report = auditDir(REPO, '2026-11-28');
// The CLI passes the standard's procedure areas to the formats (JUnit lists every area, passed or not).
const areas = procedureAreas(JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', 'standard.json'), 'utf8')));

describe.each(['markdown', 'junit', 'sarif', 'github'] as const)('sopaudit check --format %s', (format) => {
  it('prints the format and exits 1 on the bundled errors', () => {
    const result = runCli(['check', '--today', '2026-11-28', '--format', format]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(FORMATTERS[format](report, { translator: translator('en'), color: false, areas }));
  });
});

it('lists the new formats in the help', () => {
  expect(runCli(['check', '--help']).stdout.replace(/\s+/g, ' ')).toMatch(/choices: "text", "json", "markdown", "junit", "sarif", "github"/);
});
