/**
 * A strict little XML 1.0 reader for the tests: no XML parser is installed,
 * and the JUnit output must be well-formed for every consumer. It checks
 * what our output could get wrong (characters XML forbids, markup and `]]>`
 * in text, entity and character references, attribute quoting and
 * uniqueness, nesting, one root) and throws, naming the offset, on the first
 * problem. It applies line-end and attribute-value normalization as a real
 * parser does, so values read back are what a CI tool would see.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function parseXml(source: string): XmlElement {
  for (let i = 0; i < source.length; ) {
    const code = source.codePointAt(i)!;
    if (!isXmlChar(code)) throw new Error(`character U+${code.toString(16).toUpperCase()} is not allowed in XML 1.0 (offset ${i})`);
    i += code > 0xffff ? 2 : 1;
  }
  const text = source.replace(/\r\n?/g, '\n');
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${pos}: ${JSON.stringify(text.slice(pos, pos + 40))}`);
  };

  const name = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    if (!match) fail('expected a name');
    pos += match![0].length;
    return match![0];
  };
  const spaces = (): boolean => {
    const start = pos;
    while (pos < text.length && ' \t\n'.includes(text[pos])) pos++;
    return pos > start;
  };
  const reference = (): string => {
    const end = text.indexOf(';', pos);
    if (end === -1) fail('unterminated reference');
    const body = text.slice(pos + 1, end);
    let value: string;
    if (/^#x[0-9a-fA-F]+$/.test(body) || /^#[0-9]+$/.test(body)) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!isXmlChar(code)) fail(`character reference &${body}; to a character XML forbids`);
      value = String.fromCodePoint(code);
    } else if (Object.hasOwn(ENTITIES, body)) {
      value = ENTITIES[body];
    } else {
      return fail(`unknown reference &${body};`);
    }
    pos = end + 1;
    return value;
  };
  const misc = (): void => {
    for (;;) {
      spaces();
      if (text.startsWith('<!--', pos)) {
        const end = text.indexOf('-->', pos + 4);
        if (end === -1) fail('unterminated comment');
        pos = end + 3;
      } else if (text.startsWith('<?', pos)) {
        const end = text.indexOf('?>', pos + 2);
        if (end === -1) fail('unterminated processing instruction');
        pos = end + 2;
      } else {
        return;
      }
    }
  };

  const element = (): XmlElement => {
    if (text[pos] !== '<') fail('expected <');
    pos++;
    const el: XmlElement = { name: name(), attributes: {}, children: [] };
    for (;;) {
      const spaced = spaces();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return el;
      }
      if (text[pos] === '>') {
        pos++;
        break;
      }
      if (!spaced) fail('expected a space before an attribute');
      const attribute = name();
      spaces();
      if (text[pos] !== '=') fail('expected =');
      pos++;
      spaces();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      pos++;
      let value = '';
      while (text[pos] !== quote) {
        if (pos >= text.length) fail('unterminated attribute value');
        if (text[pos] === '<') fail('< in an attribute value');
        if (text[pos] === '&') {
          value += reference();
        } else {
          // Attribute-value normalization: a literal line break or tab reads as a space.
          value += ' \t\n'.includes(text[pos]) ? ' ' : text[pos];
          pos++;
        }
      }
      pos++;
      if (Object.hasOwn(el.attributes, attribute)) fail(`attribute ${attribute} repeated`);
      el.attributes[attribute] = value;
    }
    let chars = '';
    const flush = () => {
      if (chars !== '') el.children.push(chars);
      chars = '';
    };
    for (;;) {
      if (pos >= text.length) fail(`element <${el.name}> is not closed`);
      if (text.startsWith('</', pos)) {
        pos += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        spaces();
        if (text[pos] !== '>') fail('expected >');
        pos++;
        flush();
        return el;
      }
      if (text.startsWith('<!--', pos) || text.startsWith('<?', pos)) {
        misc();
      } else if (text.startsWith('<![CDATA[', pos)) {
        const end = text.indexOf(']]>', pos);
        if (end === -1) fail('unterminated CDATA section');
        chars += text.slice(pos + 9, end);
        pos = end + 3;
      } else if (text[pos] === '<') {
        flush();
        el.children.push(element());
      } else if (text[pos] === '&') {
        chars += reference();
      } else {
        if (text.startsWith(']]>', pos)) fail(']]> in text');
        chars += text[pos++];
      }
    }
  };

  if (text.startsWith('<?xml', pos)) {
    const end = text.indexOf('?>');
    if (end === -1) fail('unterminated XML declaration');
    pos = end + 2;
  }
  misc();
  const root = element();
  misc();
  if (pos !== text.length) fail('content after the root element');
  return root;
}

/** The child elements of an element, optionally only those of one name. */
export function elements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** All the text inside an element, references resolved. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
