/**
 * Inline Markdown (GitHub Flavored) escaping for user strings: branch ids,
 * paths, messages and values land in table cells and headings of a pull
 * request comment, where a `|` would split a cell, a backtick open code, a
 * `<script>` or `<img>` reach the HTML sanitizer, and `*`, `_`, `~`, `[`
 * turn text into emphasis or links. HTML characters become entities (a
 * backslash does not stop a tag); Markdown punctuation gets a backslash;
 * line breaks become spaces, since a table row is one line; other control
 * characters, which no reader can see, become U+FFFD so they still show.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function markdownText(value: string): string {
  return value
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD')
    .replace(/[&<>]/g, (c) => ENTITIES[c])
    .replace(/[\\`*_~[\]|]/g, (c) => '\\' + c);
}
