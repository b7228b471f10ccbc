/**
 * The message catalogs against the reference catalog (en): the same ids, the
 * same {parameters}, only the plural categories each language really has,
 * no value left in English, and every message renders with nothing unfilled.
 *
 * Each check collects every problem first, so one run names them all.
 */
import type { Report } from '../../src/engine';
import { CATALOGS, LOCALES, messageParts, pluralTemplates, translator, type MessageId, type MessageParams, type Template } from '../../src/i18n';
import { text } from '../../src/report/text';

const en = CATALOGS.en as Record<string, Template>;
const catalogs = CATALOGS as Record<string, Record<string, Template>>;
const others = LOCALES.filter((locale) => locale !== 'en');

/** The script a locale's messages must be written in (U+0900–U+097F and so on). */
const SCRIPTS: Record<string, { name: string; pattern: RegExp }> = {
  hi: { name: 'Devanagari', pattern: /[\u0900-\u097F]/ },
  ta: { name: 'Tamil', pattern: /[\u0B80-\u0BFF]/ },
  te: { name: 'Telugu', pattern: /[\u0C00-\u0C7F]/ },
};

const PLACEHOLDER = /\{(\w+)\}/g;

/** The text of each form: one entry for a plain message, one per category for a plural one. */
function forms(template: Template): [string, string][] {
  return typeof template === 'string' ? [['', template]] : Object.entries(template).filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function params(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
}

/** Every parameter any form of the message uses. */
function unionParams(template: Template): Set<string> {
  const all = new Set<string>();
  for (const [, text] of forms(template)) for (const name of params(text)) all.add(name);
  return all;
}

const show = (set: Set<string>): string => `{${[...set].sort().join(', ')}}`;
const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
const where = (locale: string, id: string, category: string): string => `${locale} ${id}${category ? ` [${category}]` : ''}`;

/** Only parameters, digits, punctuation and spaces: nothing there to translate. */
const nothingToTranslate = (text: string): boolean => !/\p{L}/u.test(text.replace(PLACEHOLDER, ''));

describe('message catalogs', () => {
  it('knows en and at least one other locale', () => {
    expect(LOCALES).toContain('en');
    expect(others.length).toBeGreaterThan(0);
  });

  it('gives every catalog the same ids, and none that en lacks', () => {
    const allIds = new Set(LOCALES.flatMap((locale) => Object.keys(catalogs[locale])));
    const problems: string[] = [];
    for (const locale of LOCALES) {
      const ids = new Set(Object.keys(catalogs[locale]));
      for (const id of allIds) if (!ids.has(id)) problems.push(`${locale} lacks ${id}`);
      for (const id of ids) if (!Object.hasOwn(en, id)) problems.push(`${locale} has ${id}, which en lacks`);
    }
    expect(problems).toEqual([]);
  });

  it('uses in every form of every message exactly the parameters en uses for that id', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const [id, template] of Object.entries(catalogs[locale])) {
        if (!Object.hasOwn(en, id)) continue;
        const expected = unionParams(en[id]);
        for (const [category, text] of forms(template)) {
          const actual = params(text);
          if (!sameSet(actual, expected)) problems.push(`${where(locale, id, category)} uses ${show(actual)}, en ${show(expected)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses only the plural categories each language has, always with `other`, and only where there is a count', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
      for (const [id, template] of Object.entries(catalogs[locale])) {
        if (typeof template === 'string') continue;
        if (typeof template.other !== 'string') problems.push(`${locale} ${id} lacks the plural form other`);
        for (const category of Object.keys(template)) {
          if (!categories.includes(category)) problems.push(`${locale} ${id} has the plural form ${category}; ${locale} has only ${categories.join(', ')}`);
        }
        if (Object.hasOwn(en, id) && !unionParams(en[id]).has('count')) problems.push(`${locale} ${id} is plural, but en gives it no {count} to choose by`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(others)('leaves no message of %s in English', (locale) => {
    const script = SCRIPTS[locale];
    const problems: string[] = [];
    for (const [id, template] of Object.entries(catalogs[locale])) {
      const reference = Object.hasOwn(en, id) ? en[id] : undefined;
      for (const [category, text] of forms(template)) {
        if (nothingToTranslate(text)) continue;
        if (script) {
          if (!script.pattern.test(text)) problems.push(`${where(locale, id, category)} has no ${script.name} letter: ${JSON.stringify(text)}`);
        } else {
          const english = reference === undefined ? [] : forms(reference).map(([, t]) => t);
          if (english.includes(text)) problems.push(`${where(locale, id, category)} is the English text: ${JSON.stringify(text)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LOCALES)('renders every message of %s with every parameter filled, for counts 0, 1, 2 and 5', (locale) => {
    const { t } = translator(locale);
    const problems: string[] = [];
    for (const id of Object.keys(catalogs[locale])) {
      if (!Object.hasOwn(en, id)) continue;
      // The parameters a caller passes are en's: a misspelt one in a translation stays unfilled.
      const names = [...unionParams(en[id])];
      for (const count of [0, 1, 2, 5]) {
        const sample: MessageParams = { count };
        for (const name of names) if (name !== 'count') sample[name] = `«${name}»`;
        let text: string;
        try {
          text = t(id as MessageId, sample);
        } catch (error) {
          problems.push(`${locale} ${id} (count ${count}) throws ${String(error)}`);
          continue;
        }
        const left = [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
        if (left.length > 0) problems.push(`${locale} ${id} (count ${count}) leaves ${left.join(' ')} in ${JSON.stringify(text)}`);
        else if (text.trim() === '') problems.push(`${locale} ${id} (count ${count}) renders empty`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the summary line of the text format', () => {
  /** A report whose every count is n, of 13 branches (so the branch total never passes for n). */
  const report = (n: number): Report => ({
    tool: { name: 'sopaudit', version: '0.0.0' },
    standard: { file: 'schemas/standard.json', version: '1' },
    summary: { branches: 13, conforming: n, findings: { error: n, warning: n, info: n }, waived: n, baseline: { file: 'baseline.json', new: n, existing: 0, fixed: n } },
    branches: [],
    waivers: { expired: [], expiring: [], unused: [] },
  });
  const summaryLine = (locale: string, n: number): string => text(report(n), { translator: translator(locale), color: false }).trimEnd();
  /** How often the number n stands alone (not inside 13 or 2026) in a text. */
  const times = (n: number, part: string): number => [...part.matchAll(new RegExp(`(?<!\\d)${n}(?!\\d)`, 'g'))].length;

  it.each(LOCALES)('reads in %s with every count in its place, for counts 0, 1 and 2', (locale) => {
    const problems: string[] = [];
    for (const n of [0, 1, 2]) {
      const line = summaryLine(locale, n);
      if (/[{}]/.test(line)) problems.push(`${locale} (${n}) leaves a parameter: ${line}`);
      const parts = line.slice(2).split(' · ');
      // findings, by severity, conforming, waived (only when there are some), baseline
      const expected: Array<[number, number]> = [[3 * n, 1], [n, 3], [n, 1], ...(n > 0 ? [[n, 1]] as Array<[number, number]> : []), [n, 2]];
      if (parts.length !== expected.length) problems.push(`${locale} (${n}) has ${parts.length} parts, not ${expected.length}: ${line}`);
      expected.forEach(([number, count], i) => {
        if (parts[i] !== undefined && times(number, parts[i]) !== count) problems.push(`${locale} (${n}) part ${i + 1} has ${number} ${times(number, parts[i])} times, not ${count}: ${parts[i]}`);
      });
      if (!parts[2]?.includes('13')) problems.push(`${locale} (${n}) does not say of how many branches: ${parts[2]}`);
    }
    expect(problems).toEqual([]);
  });

  it('agrees in number in English', () => {
    expect([0, 1, 2].map((n) => summaryLine('en', n))).toEqual([
      '✔ 0 findings · 0 errors, 0 warnings, and 0 info findings · branches conforming: 0 of 13 · 0 new and 0 fixed since the baseline',
      '✖ 3 findings · 1 error, 1 warning, and 1 info finding · branches conforming: 1 of 13 · 1 finding waived · 1 new and 1 fixed since the baseline',
      '✖ 6 findings · 2 errors, 2 warnings, and 2 info findings · branches conforming: 2 of 13 · 2 findings waived · 2 new and 2 fixed since the baseline',
    ]);
  });
});

describe('messages with a part styled apart', () => {
  it.each(LOCALES)('cuts %s messages only where the marked parameter stands, and they read as t renders them', (locale) => {
    const translate = translator(locale);
    const problems: string[] = [];
    for (const id of ['html.summary.conformingCount', 'html.retrain.share'] as MessageId[]) {
      for (const count of [0, 1, 2, 1234]) {
        const params = { count: new Intl.NumberFormat(locale).format(count), total: 9999 };
        const parts = messageParts(translate, id, params, 'count');
        const whole = parts.map((part) => part.text).join('');
        if (whole !== translate.t(id, params)) problems.push(`${locale} ${id} (${count}): ${JSON.stringify(parts)} is not ${JSON.stringify(translate.t(id, params))}`);
        const marked = parts.filter((part) => part.marked);
        if (marked.length !== 1 || marked[0].text !== params.count) problems.push(`${locale} ${id} (${count}) marks ${JSON.stringify(marked)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('chooses the plural form by a count the page already formatted', () => {
    const en = translator('en');
    expect(en.t('summary.errors', { count: '1' })).toBe('1 error');
    expect(en.t('summary.errors', { count: '1,001' })).toBe('1,001 errors');
    expect(translator('tr').t('summary.errors', { count: '1.001' })).toBe('1.001 hata');
    expect(translator('hi').t('summary.errors', { count: new Intl.NumberFormat('hi').format(100_001) })).toBe('1,00,001 त्रुटियाँ');
    expect(translator('hi').t('summary.errors', { count: '1' })).toBe('1 त्रुटि');
  });

  it.each(LOCALES)('gives the browser every form of html.ranking.count in %s, with only the parameters it fills', (locale) => {
    const forms = pluralTemplates(locale, 'html.ranking.count');
    expect(typeof forms.other).toBe('string');
    for (const form of Object.values(forms)) expect([...params(form!)].sort()).toEqual(['count', 'shown', 'total']);
  });
});
