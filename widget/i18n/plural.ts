// Texts that hold a count, in the forms a language's grammar needs. Intl.PluralRules names the
// form a count takes in a locale: English has 'one' and 'other', Polish and Russian 'one', 'few',
// 'many' and 'other', Arabic six, Japanese only 'other'.

import { format } from './locale';

export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** A text for each form the language uses; 'other' always. */
export type Plural = { readonly other: string } & { readonly [C in Exclude<PluralCategory, 'other'>]?: string };

/** The text for `count` in `locale`'s form, its `{count}` written as the locale writes numbers. */
export function plural(locale: string, forms: Plural, count: number): string {
  const form = forms[new Intl.PluralRules(locale).select(count) as PluralCategory] ?? forms.other;
  return format(form, { count: new Intl.NumberFormat(locale).format(count) });
}
