/**
 * Message catalogs by locale and the one function that fills a template.
 * Pure: the engine, the formats and the server all take a Translator.
 */
import type { PluralTemplate, Template } from './catalog';
import { en, type MessageId } from './catalogs/en';
import { hi } from './catalogs/hi';
import { ta } from './catalogs/ta';
import { te } from './catalogs/te';
import { tr } from './catalogs/tr';

export type { MessageId, Template };
export type Catalog = Record<MessageId, Template>;
export type MessageParams = Record<string, string | number>;

export const CATALOGS: Record<string, Catalog> = { en, hi, ta, te, tr };

export const LOCALES = Object.keys(CATALOGS).sort();

export interface Translator {
  readonly locale: string;
  t(id: MessageId, params?: MessageParams): string;
}

export function isLocale(locale: string): boolean {
  return Object.prototype.hasOwnProperty.call(CATALOGS, locale);
}

export function translator(locale: string): Translator {
  const catalog = CATALOGS[locale];
  if (!catalog) throw new RangeError(`unknown locale ${locale}`);
  const plurals = new Intl.PluralRules(locale);
  return {
    locale,
    t(id, params = {}) {
      const template = catalog[id];
      const text = typeof template === 'string' ? template : pluralForm(template, plurals, params.count);
      return fill(text, params);
    },
  };
}

function pluralForm(template: PluralTemplate, plurals: Intl.PluralRules, count: unknown): string {
  const category = plurals.select(typeof count === 'number' ? count : Number(count));
  return template[category] ?? template.other;
}

function fill(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
