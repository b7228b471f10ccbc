/**
 * XML 1.0 escaping for text and attribute values. Branch ids, paths and
 * messages are user data: any of them may hold markup, `]]>`, line breaks or
 * characters XML 1.0 cannot carry at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF), which no parser accepts even as `&#1;`. Those
 * become U+FFFD, as a browser shows undecodable text; everything else
 * survives a parse unchanged. No CDATA: escaping works everywhere, CDATA
 * breaks on the first `]]>`.
 */

// Characters outside XML 1.0's Char production, surrogate pairs excepted.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A literal carriage return would come back as a line feed (a parser
// normalizes line ends), so it is written as a reference.
const TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
// In attributes, line feeds and tabs are references too: a parser turns
// literal ones into spaces.
const ATTRIBUTE: Record<string, string> = { ...TEXT, '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\t': '&#9;' };

/** Element content. `>` is escaped too, so `]]>` never appears. */
export function xmlText(value: string): string {
  return value.replace(FORBIDDEN, '\uFFFD').replace(/[&<>\r]/g, (c) => TEXT[c]);
}

/** An attribute value, for either quote style. */
export function xmlAttr(value: string): string {
  return value.replace(FORBIDDEN, '\uFFFD').replace(/[&<>"'\n\r\t]/g, (c) => ATTRIBUTE[c]);
}
