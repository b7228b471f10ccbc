/**
 * Procedure areas: taken from the standard when the shell has it, inferred
 * from findings' paths when it does not, and looked up by audit path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AreaIndex, inferAreas, procedureAreas } from '../../src/report';
import { auditDir } from '../helpers/audit';
import { REPO } from '../helpers/workspace';

const standard = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', 'standard.json'), 'utf8'));

describe('procedure areas', () => {
  it('are the standard\'s top-level sections, a container contributing its children, scalars left out', () => {
    expect(procedureAreas(standard).map((a) => a.key)).toEqual([
      'branch', 'returns', 'serviceDesk', 'phoneSupport', 'complaints', 'conduct', 'handbook', 'customerRecords', 'feedback', 'training', 'correctiveAction',
    ]);
    expect(procedureAreas(standard)[1]).toEqual({ key: 'returns', path: '/procedures/returns' });
    expect(procedureAreas({ 'a/b': { x: 1 }, list: [1], n: 3 })).toEqual([{ key: 'a/b', path: '/a~1b' }, { key: 'list', path: '/list' }]);
    expect(procedureAreas([])).toEqual([]);
  });

  it('are inferred from the bundled findings\' paths, sorted', () => {
    const paths = auditDir(REPO, '2026-11-28').branches.flatMap((b) => b.findings.map((f) => f.path));
    expect(inferAreas(paths).map((a) => a.path)).toEqual([
      '/procedures/complaints', '/procedures/conduct', '/procedures/correctiveAction', '/procedures/feedback', '/procedures/handbook',
      '/procedures/phoneSupport', '/procedures/returns', '/procedures/serviceDesk', '/procedures/training',
    ]);
  });

  it('infer a section whose paths stay shallow as one area', () => {
    expect(inferAreas(['/branch/name', '/procedures/returns/windowDays', '/procedures', '', '/version'])).toEqual([
      { key: 'branch', path: '/branch' },
      { key: 'returns', path: '/procedures/returns' },
      { key: 'version', path: '/version' },
    ]);
  });

  it('find the area of a path by segment, or none', () => {
    const index = new AreaIndex(procedureAreas(standard));
    expect(index.areas[index.indexOf('/procedures/returns/steps/inspect-item')].key).toBe('returns');
    expect(index.areas[index.indexOf('/branch/name')].key).toBe('branch');
    expect(index.indexOf('/procedures/returnsX/a')).toBe(-1);
    expect(index.indexOf('/procedures')).toBe(-1);
    expect(index.indexOf('')).toBe(-1);
    expect(index.indexOf('/version')).toBe(-1);
  });
});
