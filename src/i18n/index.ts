/**
 * Message catalogs by locale and the functions that fill a template.
 * Pure: the engine, the formats and the server all take a Translator.
 */
import type { PluralTemplate, Template } from './catalog';
import { en, type MessageId } from './catalogs/en';
import { hi } from './catalogs/hi';
import { ta } from './catalogs/ta';
import { te } from './catalogs/te';
import { tr } from './catalogs/tr';

export type { MessageId, PluralTemplate, Template };
export type Catalog = Record<MessageId, Template>;
export type MessageParams = Record<string, string | number>;

export const CATALOGS: Record<string, Catalog> = { en, hi, ta, te, tr };

export const LOCALES = Object.keys(CATALOGS).sort();

export interface Translator {
  readonly locale: string;
  t(id: MessageId, params?: MessageParams): string;
}

/**
 * The catalog for a locale tag: itself, or its language when only the
 * language has one (`tr-TR` and `TR` → `tr`); undefined when neither has.
 */
export function resolveLocale(tag: string): string | undefined {
  if (isLocale(tag)) return tag;
  const language = tag.split(/[-_]/)[0].toLowerCase();
  return isLocale(language) ? language : undefined;
}

export function isLocale(locale: string): boolean {
  return Object.prototype.hasOwnProperty.call(CATALOGS, locale);
}

/** Translators are immutable, and the server asks for one per request: one per locale is enough. */
const translators = new Map<string, Translator>();

/** A locale's catalog, or a RangeError for a locale sopaudit does not speak. */
function catalogOf(locale: string): Catalog {
  // Own keys only: "constructor" is no locale.
  if (!isLocale(locale)) throw new RangeError(`unknown locale ${locale}`);
  return CATALOGS[locale];
}

/** Plural rules per locale, made once (Intl objects are costly to build). */
const pluralRules = new Map<string, Intl.PluralRules>();

function pluralsOf(locale: string): Intl.PluralRules {
  let plurals = pluralRules.get(locale);
  if (!plurals) {
    plurals = new Intl.PluralRules(locale);
    pluralRules.set(locale, plurals);
  }
  return plurals;
}

export function translator(locale: string): Translator {
  let made = translators.get(locale);
  if (!made) {
    const catalog = catalogOf(locale);
    const plurals = pluralsOf(locale);
    made = {
      locale,
      t(id, params = {}) {
        return fill(chosenText(catalog[id], plurals, params), params);
      },
    };
    translators.set(locale, made);
  }
  return made;
}

/** One piece of a message: its text, and whether it is the parameter the caller asked to mark. */
export interface MessagePart {
  text: string;
  marked: boolean;
}

/**
 * A message, filled as `t` fills it, cut where the parameter `mark` stands:
 * a page can then style that one value (a number in bold) while the sentence
 * stays whole, in the word order of its language. Never a fragment glued to
 * a number in code.
 */
export function messageParts(translator: Translator, id: MessageId, params: MessageParams, mark: string): MessagePart[] {
  const text = chosenText(catalogOf(translator.locale)[id], pluralsOf(translator.locale), params);
  const parts: MessagePart[] = [];
  const pieces = text.split(`{${mark}}`);
  pieces.forEach((piece, i) => {
    if (i > 0) parts.push({ text: String(params[mark] ?? `{${mark}}`), marked: true });
    if (piece !== '') parts.push({ text: fill(piece, params), marked: false });
  });
  return parts;
}

/**
 * Every form of a message, by plural category (a plain message is its own
 * `other`), unfilled: for a script in the browser that fills and chooses the
 * form itself with Intl.PluralRules.
 */
export function pluralTemplates(locale: string, id: MessageId): PluralTemplate {
  const template = catalogOf(locale)[id];
  return typeof template === 'string' ? { other: template } : { ...template };
}

function chosenText(template: Template, plurals: Intl.PluralRules, params: MessageParams): string {
  return typeof template === 'string' ? template : pluralForm(template, plurals, params.count);
}

function pluralForm(template: PluralTemplate, plurals: Intl.PluralRules, count: unknown): string {
  const category = plurals.select(countValue(count));
  return template[category] ?? template.other;
}

/**
 * The number a `count` stands for. Pages pass counts already formatted for
 * the locale ("1,234", "1.234", "1 234", Indian "1,23,456"): a whole number
 * with group separators counts as that number, not as NaN or a fraction.
 */
function countValue(count: unknown): number {
  if (typeof count === 'number') return count;
  const text = String(count);
  if (/^\d{1,3}(?:[,.\u00a0\u202f ]\d{2,3})*[,.\u00a0\u202f ]\d{3}$/.test(text)) return Number(text.replace(/\D/g, ''));
  return Number(text);
}

function fill(text: string, params: MessageParams): string {
  // Most messages of a page take no parameter: no pattern to run.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
