/**
 * The shape of a message catalog. A message is a template with `{name}`
 * parameters, or, where a number decides the grammar, one template per
 * plural category (chosen with Intl.PluralRules on the `count` parameter).
 */
export interface PluralTemplate {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Template = string | PluralTemplate;
