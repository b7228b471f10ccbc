/** Safe file names for branch pages: no path traversal, no collisions, encoded in URLs. */
import { branchPageNames, safeStem } from '../../src/report/html';
import { areaAnchors, pageUrl } from '../../src/report/html/names';

const SAFE_PAGE = /^branches\/[a-z0-9][a-z0-9._-]*\.html$/;

describe('branch page names', () => {
  it('keeps a plainly safe id as it is', () => {
    expect(branchPageNames([{ id: 'tr-istanbul-kadikoy', file: 'a.json' }, { id: 'in_delhi_2', file: 'b.json' }]))
      .toEqual(['branches/tr-istanbul-kadikoy.html', 'branches/in_delhi_2.html']);
  });

  it.each([
    '../../etc/passwd', '..', '.', '/absolute', 'a\\b', 'C:\\windows', '.hidden', 'con', 'NUL', 'lpt1', '',
    'İzmir Alsancak', 'शाखा', '<script>alert(1)</script>', 'a%2Fb', 'a\u0000b', ' space ', `${'x'.repeat(20)}…(500 characters)`,
  ])('turns %j into one safe file inside branches/', (label) => {
    const id = label.endsWith('(500 characters)') ? 'x'.repeat(500) : label;
    const [page] = branchPageNames([{ id, file: 'x.json' }]);
    expect(page).toMatch(SAFE_PAGE);
    expect(page.length).toBeLessThan(100);
    expect(page.split('/')).toHaveLength(2);
    expect(page).not.toContain('..');
  });

  it('never gives two ids one file, even on a case-insensitive file system', () => {
    const ids = ['Case', 'case', 'CASE', 'a/b', 'a-b', 'a b', 'a_b', 'a.b', 'a\\b', 'A/B', 'con', 'CON', 'x'.repeat(90), 'x'.repeat(91)];
    const pages = branchPageNames(ids.map((id) => ({ id, file: `${id}.json` })));
    expect(new Set(pages.map((p) => p.toLowerCase())).size).toBe(ids.length);
  });

  it('gives two branches that declare the same id two pages', () => {
    const pages = branchPageNames([{ id: 'dup', file: 'one.json' }, { id: 'dup', file: 'two.json' }, { id: 'dup', file: 'two.json' }]);
    expect(new Set(pages).size).toBe(3);
    expect(pages[0]).toBe('branches/dup.html');
    for (const page of pages) expect(page).toMatch(SAFE_PAGE);
  });

  it('is stable: the same id gets the same name in every run', () => {
    expect(safeStem('Foo Bar')).toBe(safeStem('Foo Bar'));
    expect(safeStem('Foo Bar')).toMatch(/^foo-bar\.[0-9a-f]{16}$/);
  });

  it('percent-encodes every segment of a page URL and its fragment', () => {
    expect(pageUrl('branches/a b#c?.html', 'area-x y')).toBe('branches/a%20b%23c%3F.html#area-x%20y');
    expect(pageUrl('branches/case.html')).toBe('branches/case.html');
  });

  it('gives area anchors that never clash, with each other or with the whole-file one', () => {
    const areas = [
      { key: 'returns', path: '/procedures/returns' },
      { key: 'Returns', path: '/procedures/Returns' },
      { key: 'returns', path: '/returns' },
      { key: 'document', path: '/document' },
      { key: 'a b', path: '/a b' },
      { key: '<x>', path: '/<x>' },
    ];
    const anchors = areaAnchors(areas);
    expect(anchors[0]).toBe('area-returns');
    expect(anchors[1]).toBe('area-Returns');
    expect(new Set([...anchors, 'whole-document']).size).toBe(areas.length + 1);
    for (const anchor of anchors) expect(anchor).toMatch(/^area-[A-Za-z0-9_.-]+$/);
  });
});
