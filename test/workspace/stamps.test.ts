/**
 * Stamps of regenerated output: a file whose new content matches its stamp,
 * and which nobody touched since, is not written again nor read back; any
 * doubt (no stamp, a file changed or removed by hand, unreadable stamps)
 * means the file is checked or written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readStamps, writeStamped, writeStamps } from '../../src/workspace/stamps';
import { tempDir } from '../helpers/workspace';

const identity = (file: string) => {
  const stat = fs.statSync(file);
  return [stat.ino, stat.mtimeMs];
};

describe('writeStamped', () => {
  it('writes a new file, then leaves it alone while its stamp and content hold, and replaces it when the content changes', () => {
    const file = path.join(tempDir(), 'branches', 'a.html');
    const first = writeStamped(file, '<p>şube తెలుగు</p>');
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>şube తెలుగు</p>');
    expect(first.size).toBe(Buffer.byteLength('<p>şube తెలుగు</p>'));
    const before = identity(file);
    expect(writeStamped(file, '<p>şube తెలుగు</p>', first)).toEqual(first);
    expect(identity(file)).toEqual(before);
    const changed = writeStamped(file, '<p>şube</p>', first);
    expect(changed.digest).not.toBe(first.digest);
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>şube</p>');
  });

  it('writes the file again when it was removed or edited by hand, though the content matches the stamp', () => {
    const file = path.join(tempDir(), 'a.html');
    const stamp = writeStamped(file, '<p>one</p>');
    fs.rmSync(file);
    writeStamped(file, '<p>one</p>', stamp);
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>one</p>');
    const again = writeStamped(file, '<p>one</p>');
    fs.writeFileSync(file, '<p>mine</p>');
    writeStamped(file, '<p>one</p>', again);
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>one</p>');
  });

  it('without a stamp, leaves a file that already holds the content alone and stamps it', () => {
    const file = path.join(tempDir(), 'a.html');
    fs.writeFileSync(file, '<p>one</p>');
    const before = identity(file);
    const stamp = writeStamped(file, '<p>one</p>');
    expect(identity(file)).toEqual(before);
    expect(stamp).toEqual(expect.objectContaining({ size: 10, mtimeMs: fs.statSync(file).mtimeMs }));
  });
});

describe('readStamps', () => {
  it('reads back what writeStamps saved', () => {
    const file = path.join(tempDir(), '.stamps.json');
    const stamps = new Map([['branches/a.html', writeStamped(path.join(path.dirname(file), 'branches', 'a.html'), 'x')]]);
    writeStamps(file, stamps);
    expect(readStamps(file)).toEqual(stamps);
  });

  it('trusts nothing in a missing, broken or foreign stamps file', () => {
    const dir = tempDir();
    const file = path.join(dir, '.stamps.json');
    expect(readStamps(file).size).toBe(0);
    fs.writeFileSync(file, '{"format": 1, "files": ');
    expect(readStamps(file).size).toBe(0);
    fs.writeFileSync(file, JSON.stringify({ format: 2, files: { 'a.html': { digest: 'x', size: 1, mtimeMs: 1 } } }));
    expect(readStamps(file).size).toBe(0);
    fs.writeFileSync(file, JSON.stringify({ format: 1, files: { 'a.html': { digest: 'x', size: '1', mtimeMs: 1 }, 'b.html': { digest: 'y', size: 1, mtimeMs: 2 } } }));
    expect([...readStamps(file).keys()]).toEqual(['b.html']);
  });
});
