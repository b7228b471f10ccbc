/**
 * Stamps of regenerated output: a file whose new content matches its stamp,
 * and which nobody touched since, is not written again nor read back; any
 * doubt (no stamp, a file changed, replaced or removed by hand, unreadable
 * stamps) means the file is compared or written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readStamps, writeStamped, writeStamps, type FileStamp } from '../../src/workspace/stamps';
import { tempDir } from '../helpers/workspace';

const identity = (file: string) => {
  const stat = fs.statSync(file);
  return [stat.ino, stat.mtimeMs, stat.ctimeMs];
};

function stamped(file: string, content: string, previous?: FileStamp): FileStamp {
  const stamp = writeStamped(file, content, previous);
  if (!stamp) throw new Error(`no stamp for ${file}`);
  return stamp;
}

describe('writeStamped', () => {
  it('writes a new file, then leaves it alone while its stamp and content hold, and replaces it when the content changes', () => {
    const file = path.join(tempDir(), 'branches', 'a.html');
    const first = stamped(file, '<p>şube తెలుగు</p>');
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>şube తెలుగు</p>');
    expect(first.size).toBe(Buffer.byteLength('<p>şube తెలుగు</p>'));
    const before = identity(file);
    expect(stamped(file, '<p>şube తెలుగు</p>', first)).toEqual(first);
    expect(identity(file)).toEqual(before);
    const changed = stamped(file, '<p>şube</p>', first);
    expect(changed.digest).not.toBe(first.digest);
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>şube</p>');
  });

  it('writes the file again when it was removed, replaced or edited by hand, though the content matches the stamp', () => {
    const file = path.join(tempDir(), 'a.html');
    let stamp = stamped(file, '<p>one</p>');
    fs.rmSync(file);
    stamp = stamped(file, '<p>one</p>', stamp);
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>one</p>');
    fs.writeFileSync(file, '<p>mine</p>');
    stamp = stamped(file, '<p>one</p>', stamp);
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>one</p>');
    // The same size, and the modification time put back: the change time still tells.
    const { atime, mtime } = fs.statSync(file);
    fs.writeFileSync(file, '<p>two</p>');
    fs.utimesSync(file, atime, mtime);
    stamp = stamped(file, '<p>one</p>', stamp);
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>one</p>');
    // Replaced by a link to a file holding the content: written back as a file of its own.
    const elsewhere = path.join(path.dirname(file), 'elsewhere.html');
    fs.writeFileSync(elsewhere, '<p>one</p>');
    fs.rmSync(file);
    fs.symlinkSync(elsewhere, file);
    stamped(file, '<p>one</p>', stamp);
    expect(fs.lstatSync(file).isFile()).toBe(true);
  });

  it('without a stamp, leaves a file that already holds the content alone and stamps it', () => {
    const file = path.join(tempDir(), 'a.html');
    fs.writeFileSync(file, '<p>one</p>');
    const before = identity(file);
    const stamp = stamped(file, '<p>one</p>');
    expect(identity(file)).toEqual(before);
    expect(stamp).toEqual(expect.objectContaining({ size: 10, ino: fs.statSync(file).ino, mtimeMs: fs.statSync(file).mtimeMs }));
  });
});

describe('readStamps', () => {
  it('reads back what writeStamps saved', () => {
    const dir = tempDir();
    const file = path.join(dir, '.stamps.json');
    const stamps = new Map([['branches/a.html', stamped(path.join(dir, 'branches', 'a.html'), 'x')]]);
    writeStamps(file, stamps);
    expect(readStamps(file)).toEqual(stamps);
  });

  it('trusts nothing in a missing, broken or foreign stamps file, and keeps only the fields of a stamp', () => {
    const file = path.join(tempDir(), '.stamps.json');
    const stamp = { digest: 'x', ino: 1, size: 1, mtimeMs: 1, ctimeMs: 1 };
    expect(readStamps(file).size).toBe(0);
    fs.writeFileSync(file, '{"format": 2, "files": ');
    expect(readStamps(file).size).toBe(0);
    fs.writeFileSync(file, JSON.stringify({ format: 1, files: { 'a.html': stamp } }));
    expect(readStamps(file).size).toBe(0);
    fs.writeFileSync(file, JSON.stringify({ format: 2, files: { 'a.html': { ...stamp, size: '1' }, 'b.html': { ...stamp, extra: 'x'.repeat(100) } } }));
    expect(readStamps(file)).toEqual(new Map([['b.html', stamp]]));
  });
});
