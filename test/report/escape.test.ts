/** The escaping helpers the formats share, on the strings that break formats. */
import { markdownText } from '../../src/report/escape/markdown';
import { xmlAttr, xmlText } from '../../src/report/escape/xml';
import { parseXml, textOf } from './xml';

describe('XML escaping', () => {
  it('escapes markup in text, so ]]> cannot appear', () => {
    expect(xmlText('a<b>&c]]>d')).toBe('a&lt;b&gt;&amp;c]]&gt;d');
  });

  it('escapes both quotes, line breaks and tabs in attributes', () => {
    expect(xmlAttr(`"x"\n'y'\r\tz`)).toBe('&quot;x&quot;&#10;&apos;y&apos;&#13;&#9;z');
  });

  it('replaces the characters XML 1.0 cannot carry, keeps the rest', () => {
    const s = 'a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g\uDC00h 😀 \u0085\u007F\t\n';
    expect(xmlText(s)).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh 😀 \u0085\u007F\t\n');
  });

  it('reads back as written, through a strict reader', () => {
    const s = '<x a="1"> & ]]> "q" \'a\' \r\n \t 😀 తెలుగు';
    const root = parseXml(`<r v="${xmlAttr(s)}" w='${xmlAttr(s)}'>${xmlText(s)}</r>`);
    expect(root.attributes).toEqual({ v: s, w: s });
    expect(textOf(root)).toBe(s);
  });

  it('the reader refuses what is not well-formed', () => {
    expect(() => parseXml('<r>]]></r>')).toThrow(']]>');
    expect(() => parseXml('<r>\u0001</r>')).toThrow('not allowed');
    expect(() => parseXml('<r a="<"/>')).toThrow('<');
    expect(() => parseXml('<r a="1" a="2"/>')).toThrow('repeated');
    expect(() => parseXml('<r>&nbsp;</r>')).toThrow('unknown reference');
    expect(() => parseXml('<r><s></r></s>')).toThrow('closes');
    expect(() => parseXml('<r/><r/>')).toThrow('after the root');
    expect(() => parseXml('<r>&#1;</r>')).toThrow('forbids');
  });
});

describe('Markdown escaping', () => {
  it('turns HTML into entities and Markdown punctuation into literals', () => {
    expect(markdownText('<img src=x onerror=alert(1)> & `a|b` *c* _d_ ~e~ [f](g) \\')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &amp; \\`a\\|b\\` \\*c\\* \\_d\\_ \\~e\\~ \\[f\\](g) \\\\',
    );
  });

  it('keeps a value on one line', () => {
    expect(markdownText('a\nb\r\nc\rd\u2028e\u0007')).toBe('a b c d e\uFFFD');
  });
});
