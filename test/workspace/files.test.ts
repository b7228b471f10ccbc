/**
 * Writing files at the edge: atomic replacement (a reader sees the old file
 * or the new one, never half of one, and no temporary file is left), and
 * regenerated output left alone when it has not changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic, writeFileIfChanged } from '../../src/workspace/files';
import { tempDir } from '../helpers/workspace';

describe('writeFileAtomic', () => {
  it('creates folders, replaces the file whole and leaves no temporary file beside it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a', 'b', 'report.json');
    writeFileAtomic(file, '{"v": 1}');
    writeFileAtomic(file, '{"v": 2}', { durable: false });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"v": 2}');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['report.json']);
  });
});

describe('writeFileIfChanged', () => {
  it('writes a new or changed file, and leaves one that already holds the same bytes untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'page.html');
    expect(writeFileIfChanged(file, '<p>şube తెలుగు</p>')).toBe(true);
    const before = fs.statSync(file);
    expect(writeFileIfChanged(file, '<p>şube తెలుగు</p>')).toBe(false);
    const after = fs.statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(writeFileIfChanged(file, '<p>şube</p>')).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('<p>şube</p>');
    expect(fs.statSync(file).ino).not.toBe(before.ino); // replaced by rename, atomically
  });

  it('rewrites a file whose bytes are not UTF-8 even where they decode to the same text', () => {
    const file = path.join(tempDir(), 'page.html');
    fs.writeFileSync(file, Buffer.from([0x3c, 0xff, 0x3e])); // "<", a byte no UTF-8 text holds, ">"
    expect(writeFileIfChanged(file, '<\uFFFD>')).toBe(true);
    expect(fs.readFileSync(file)).toEqual(Buffer.from('<\uFFFD>', 'utf8'));
    expect(writeFileIfChanged(file, '<\uFFFD>')).toBe(false);
  });
});
