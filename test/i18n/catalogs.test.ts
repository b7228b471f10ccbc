/**
 * The message catalogs against the reference catalog (en): the same ids, the
 * same {parameters}, only the plural categories each language really has,
 * no value left in English, and every message renders with nothing unfilled.
 *
 * Each check collects every problem first, so one run names them all.
 */
import { CATALOGS, LOCALES, translator, type MessageId, type MessageParams, type Template } from '../../src/i18n';

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
